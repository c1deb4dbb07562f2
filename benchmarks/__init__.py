"""Benchmarks: commands that print numbers (not part of the pass/fail test run)."""

"""Consultation intake: answer parsing and triage. Pure core: no Telegram, no storage."""

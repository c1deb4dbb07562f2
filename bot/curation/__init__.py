"""Staff close the FAQ loop: grouped questions the FAQ missed, accepted into the YAML files
as variants (round-trip edits under a lock), feedback and content health in one review.
"""

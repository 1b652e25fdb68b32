"""Demo content for seed_demo (see leadership/management/commands/seed_demo.py)."""


def seed():
    """Idempotent: a second run changes nothing."""

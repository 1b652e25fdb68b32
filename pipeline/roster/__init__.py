"""Roster files: read a OneRoster 1.1/1.2 CSV bundle or our own CSV (`files.py`), then
apply it to a district (`changes.py`)."""

from pipeline.roster.changes import sync
from pipeline.roster.files import (
    MAX_BYTES,
    MAX_MEGABYTES,
    TOO_LARGE,
    RosterError,
    read,
    template_csv,
)

__all__ = ["MAX_BYTES", "MAX_MEGABYTES", "TOO_LARGE", "RosterError", "read", "sync", "template_csv"]

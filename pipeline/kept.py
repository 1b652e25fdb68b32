"""Counts the database keeps with triggers, for the bulk writers: fair reach per school
(opportunities/kept_reach.py), nominations per school (pipeline/kept_nominations.py),
ready candidates per school (pipeline/kept_bench.py), and a district's candidates by stage
and their growth (pipeline/kept_candidates.py)."""

from contextlib import contextmanager

from opportunities import kept_reach
from pipeline import kept_bench, kept_candidates, kept_nominations


@contextmanager
def counted_at_the_end(connection, district_id=None):
    """Inside a transaction that writes many rows (the large seed, a roster import): no
    trigger runs for each row; the district (or every district) is counted once at the end,
    one set-based count instead of one a row."""
    with kept_reach.paused(connection):
        yield
    kept_reach.count_again(connection, district_id)
    kept_nominations.count_again(connection, district_id)
    kept_bench.count_again(connection, district_id)
    kept_candidates.count_again(connection, district_id)

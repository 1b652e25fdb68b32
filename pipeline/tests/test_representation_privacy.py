"""Small counts cannot be worked out from what /pipeline/ shows (issue 14, privacy).

The representation tables hide counts from 1 to 9. The funnel on the same page publishes
each stage's total, so a row with a single hidden cell gave that cell away by subtraction.
These tests read every number the page shows (the representation cells and the funnel's
stage totals) and, for each hidden cell, build another table that differs in that cell and
still shows exactly the same numbers: then the page cannot tell the two apart.
"""

import csv
import io
import random
import re
from html.parser import HTMLParser

from openpyxl import load_workbook

from leadership.models import Membership, Role, User
from pipeline.models import Candidate, Demographics, Stage
from pipeline.suppression import SUPPRESS_BELOW, suppress

URL = "/pipeline/"
G = Demographics.Gender
R = Demographics.RaceEthnicity


# --- Reading the page ------------------------------------------------------------------


class Tables(HTMLParser):
    """Every table of a page: its caption, header cells and body rows (row header, then
    cells), as the text a reader sees (visually hidden words included)."""

    def __init__(self):
        super().__init__()
        self.tables, self._text, self._row, self._part = [], None, None, "rows"

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "head": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self._part = "head" if tag == "thead" else "rows"
        elif tag == "tr":
            self._row = []
        elif tag in ("caption", "th", "td"):
            self._text = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.tables[-1]["caption"] = "".join(self._text).strip()
        elif tag in ("th", "td") and self._row is not None:
            self._row.append("".join(self._text).strip())
        elif tag == "tr" and self._row is not None:
            table = self.tables[-1]
            if self._part == "head":
                table["head"] = self._row
            else:
                table["rows"].append(self._row)
            self._row = None
        if tag in ("caption", "th", "td"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def tables(body):
    parser = Tables()
    parser.feed(body)
    return {table["caption"]: table for table in parser.tables}


def shown(text):
    """A cell's number, or None for a hidden one."""
    found = re.match(r"\d+", text)
    return int(found.group()) if found else None


def published(body):
    """What a reader of the page learns about each representation table: its cells (None
    where hidden) and each stage's total, from the funnel."""
    found = tables(body)
    funnel = found["People at each stage"]
    totals = {
        row[0]: sum(int(re.match(r"\d+", cell).group()) for cell in row[1:])
        for row in funnel["rows"]
    }
    result = {}
    for caption in ("Gender, by stage", "Race and ethnicity, by stage"):
        table = found[caption]
        result[caption] = {
            "groups": table["head"][1:],
            "stages": [row[0] for row in table["rows"]],
            "cells": [[shown(cell) for cell in row[1:]] for row in table["rows"]],
            "totals": [totals[row[0]] for row in table["rows"]],
        }
    return result


# --- Solving for hidden cells -----------------------------------------------------------


def witness(values, hidden, lines, cell):
    """Another table that agrees with `values` on every shown cell and every line's total
    (`lines`: lists of cells whose total is published), with `cell` different; or None.

    A depth-first search: change `cell` by one, then balance each line left out of balance
    by an opposite change in another hidden cell of it, never below 0."""

    def search(changes):
        for line in lines:
            balance = sum(changes.get(c, 0) for c in line)
            if balance:
                for other in line:
                    if other in hidden and other not in changes and values[other] - balance >= 0:
                        found = search({**changes, other: -balance})
                        if found:
                            return found
                return None
        return changes

    for delta in (1, -1):
        if values[cell] + delta >= 0:
            changes = search({cell: delta})
            if changes:
                return {c: values[c] + changes.get(c, 0) for c in values}
    return None


def check_witness(other, values, hidden, lines, cell):
    """`other` shows exactly what `values` shows, and differs in `cell`."""
    assert other[cell] != values[cell]
    assert all(n >= 0 for n in other.values())
    assert all(other[c] == values[c] for c in values if c not in hidden)
    for line in lines:
        assert sum(other[c] for c in line) == sum(values[c] for c in line)


def undetermined(values, hidden, lines):
    """The hidden cells that the published numbers pin down to one value."""
    pinned = []
    for cell in sorted(hidden):
        other = witness(values, hidden, lines, cell)
        if other is None:
            pinned.append(cell)
        else:
            check_witness(other, values, hidden, lines, cell)
    return pinned


def cycle_witness(values, hidden, cell):
    """Another table with the same shown cells and the same row and column totals, with
    `cell` different; or None. Such a table differs by +1 and -1 around a cycle of hidden
    cells alternating between rows and columns: a breadth-first search for the rest of the
    cycle (row to column through any hidden cell, +1; column to row through a hidden cell
    of at least 1, -1)."""
    r, c = cell
    steps = {}
    for other in hidden - {cell}:
        steps.setdefault(("row", other[0]), []).append((("column", other[1]), other, 1))
        if values[other]:
            steps.setdefault(("column", other[1]), []).append((("row", other[0]), other, -1))
    for delta, start, goal in ((1, ("column", c), ("row", r)), (-1, ("row", r), ("column", c))):
        if values[cell] + delta < 0:
            continue
        came = {start: None}
        todo = [start]
        while todo and goal not in came:
            node = todo.pop(0)
            for after, through, change in steps.get(node, ()):
                if after not in came:
                    came[after] = (node, through, change)
                    todo.append(after)
        if goal in came:
            other = dict(values)
            other[cell] += delta
            node = goal
            while came[node]:
                node, through, change = came[node]
                other[through] += change
            return other
    return None


def row_lines(rows, columns):
    return [[(r, c) for c in range(columns)] for r in range(rows)]


def column_lines(rows, columns):
    return [[(r, c) for r in range(rows)] for c in range(columns)]


# --- The page -------------------------------------------------------------------------


def people(district, school, stage, count, gender="", race="", prefix="p"):
    """`count` candidates at `stage` who shared `gender` and `race` (neither: no answers)."""
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@{stage}.test", full_name=f"{prefix.title()} {stage} {i}")
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=u, district=district, role=Role.TEACHER, school=school) for u in users
    )
    Candidate.objects.bulk_create(
        Candidate(district=district, user=u, school=school, stage=stage) for u in users
    )
    if gender or race:
        Demographics.objects.bulk_create(
            Demographics(user=u, gender=gender, race_ethnicity=race) for u in users
        )


def ready_now_with_one_small_group(district, school):
    """Ready now: 12 women, 11 men, 3 non-binary people, 10 of another gender and 10 who
    shared nothing. Every other gender count in the row is 10 or more, so before
    complementary suppression 46 - 12 - 11 - 10 - 10 gave the three away."""
    people(district, school, Stage.READY_NOW, 12, G.WOMAN, R.WHITE, "w")
    people(district, school, Stage.READY_NOW, 11, G.MAN, R.HISPANIC, "m")
    people(district, school, Stage.READY_NOW, 3, G.NONBINARY, R.BLACK, "n")
    people(district, school, Stage.READY_NOW, 10, G.ANOTHER, R.ASIAN, "a")
    people(district, school, Stage.READY_NOW, 10, prefix="x")
    people(district, school, Stage.IDENTIFIED, 15, G.WOMAN, R.WHITE, "iw")
    people(district, school, Stage.IDENTIFIED, 2, G.MAN, R.PREFER_NOT, "im")


def test_it_leaves_no_hidden_count_that_the_page_gives_away(cast, client_for, district, school):
    ready_now_with_one_small_group(district, school)
    for viewer in ("admin", "principal"):
        body = client_for(cast[viewer]).get(URL).content.decode()
        for caption, table in published(body).items():
            cells, totals = table["cells"], table["totals"]
            rows, columns = len(cells), len(cells[0])
            # The true table, from the database: the page must not let it be solved for.
            values = true_counts(caption, table)
            hidden = {(r, c) for r in range(rows) for c in range(columns) if cells[r][c] is None}
            for (r, c), n in values.items():
                assert cells[r][c] in (None, n), (viewer, caption, r, c)
                assert cells[r][c] is not None or n >= 0
            for r in range(rows):
                assert sum(values[r, c] for c in range(columns)) == totals[r]
            small = {(r, c) for (r, c), n in values.items() if 0 < n < SUPPRESS_BELOW}
            assert small <= hidden, (viewer, caption)
            pinned = undetermined(values, hidden, row_lines(rows, columns))
            assert not pinned, sorted(  # the people given away first
                ((values[r, c], viewer, table["stages"][r], table["groups"][c]) for r, c in pinned),
                reverse=True,
            )
        gender = published(body)["Gender, by stage"]
        ready = gender["cells"][gender["stages"].index("Ready now")]
        assert ready[gender["groups"].index("Woman")] == 12
        assert ready.count(None) >= 2


def true_counts(caption, table):
    field = "gender" if caption.startswith("Gender") else "race_ethnicity"
    choices = dict(Demographics._meta.get_field(field).choices)
    stages = {label: value for value, label in Stage.choices}
    values = {}
    for r, stage_label in enumerate(table["stages"]):
        candidates = Candidate.objects.filter(stage=stages[stage_label])
        for c, group in enumerate(table["groups"]):
            codes = [code for code, label in choices.items() if label == group]
            if codes:
                n = candidates.filter(**{f"user__demographics__{field}": codes[0]}).count()
            else:  # "not shared": no answers, an empty answer or "prefer not to say"
                answered = [code for code in choices if code not in ("", "prefer_not")]
                n = candidates.count() - (
                    candidates.filter(**{f"user__demographics__{field}__in": answered}).count()
                )
            values[r, c] = n
    return values


def test_it_shows_the_same_hidden_cells_from_the_kept_figures(cast, client_for, district, school):
    ready_now_with_one_small_group(district, school)
    client = client_for(cast["admin"])
    first = published(client.get(URL).content.decode())
    assert published(client.get(URL).content.decode()) == first  # the second from the cache


def test_it_publishes_no_breakdown_by_gender_or_race_elsewhere(cast, client_for, district, school):
    """The candidate export and the schools page never carry these answers, so the
    dashboard's table is the only place they are counted."""
    ready_now_with_one_small_group(district, school)
    client = client_for(cast["admin"])
    words = {label for _, label in G.choices + R.choices} | set(G.values) | set(R.values)
    words -= {"another"}  # the word is common; its label is checked
    exported = b"".join(client.get("/pipeline/candidates/export/csv/").streaming_content)
    header = next(csv.reader(io.StringIO(exported.decode())))
    sheet = load_workbook(io.BytesIO(client.get("/pipeline/candidates/export/xlsx/").content))
    schools = tables(client.get("/pipeline/schools/").content.decode())
    for text in (
        " ".join(header),
        " ".join(str(cell.value) for row in sheet.active.iter_rows() for cell in row),
        repr(schools),
    ):
        assert not any(re.search(rf"\b{re.escape(word)}\b", text) for word in words), text[:200]


# --- Any table ------------------------------------------------------------------------


def random_table(rng):
    rows, columns = 7, rng.randint(3, 9)
    shape = rng.choice(["sparse", "small", "mixed", "large"])

    def count():
        if shape == "sparse":
            return rng.choice([0, 0, 0, 0, 1, 2, 3, 12])
        if shape == "small":
            return rng.randint(0, 12)
        if shape == "mixed":
            return rng.choice([0, rng.randint(1, 9), rng.randint(10, 40)])
        return rng.randint(5, 200)

    table = [[count() for _ in range(columns)] for _ in range(rows)]
    for r in rng.sample(range(rows), rng.choice([0, 0, 1, 2, 3, 6])):
        table[r] = [0] * columns  # stages nobody is at
    return table


def test_it_never_leaves_a_hidden_count_that_can_be_worked_out_in_any_table():
    """A seeded random loop stands in for property-based testing (hypothesis is not
    installed): 3,000 tables of every shape."""
    rng = random.Random(14)
    for _ in range(3000):
        table = random_table(rng)
        found = suppress(table)
        rows, columns = len(table), len(table[0])
        values = {(r, c): table[r][c] for r in range(rows) for c in range(columns)}
        hidden = {cell for cell in values if found[cell[0]][cell[1]] is None}
        assert all(found[r][c] == n for (r, c), n in values.items() if (r, c) not in hidden)
        assert {cell for cell, n in values.items() if 0 < n < SUPPRESS_BELOW} <= hidden, table
        assert not undetermined(values, hidden, row_lines(rows, columns)), table
        # Were each group's total known too (it is not published), no hidden count of
        # people could be worked out either, unless hiding every count could not stop it
        # (a single stage holds everybody: the groups' totals are its counts).
        live = [r for r in range(rows) if any(table[r])]
        everything = {cell for cell in values if cell[0] in live}
        lines = row_lines(rows, columns) + column_lines(rows, columns)
        for cell in sorted(hidden):
            if values[cell] and cycle_witness(values, everything, cell):
                other = cycle_witness(values, hidden, cell)
                assert other, (table, cell)
                check_witness(other, values, hidden, lines, cell)
        for line in row_lines(rows, columns) + column_lines(rows, columns):
            line = [cell for cell in line if cell[0] in live]
            assert len([cell for cell in line if cell in hidden]) != 1 or all(
                cell in hidden for cell in line
            ), (table, line)

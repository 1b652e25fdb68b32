"""Small counts that cannot be worked out: which cells of a table of counts to hide.

A table counts people by stage (rows) and by a group they chose to describe themselves by
(columns). A count from 1 to 9 is hidden (*primary* suppression); 0 describes nobody and is
shown. That alone is not enough: each stage's total is published (the dashboard's funnel),
so a row with a single hidden cell gives it away by subtraction. So, repeated until nothing
changes (*complementary* suppression, each time the smallest cell that helps):
- a row or column with exactly one hidden cell gets a second one;
- a row whose hidden cells add up to 0 (so all of them are 0) gets a non-zero one;
- a hidden count of people that the rows' and the columns' totals together would pin down
  gets another hidden cell in its row or column.

What that guarantees: from the shown cells and every stage's total, each hidden cell could
hold at least two different counts (every row with hidden cells has two or more, adding up
to at least 1). And were each group's total known as well (it is not published), no hidden
count of people could be worked out wherever the table allows it: not when a single stage
holds everybody, since then the groups' totals are that stage's counts. Rows that add up to
0 are never touched: their cells are 0, and the funnel says so already.

Pure functions, no queries: every table and export of these figures calls `suppress`, so
they hide the same cells.
"""

SUPPRESS_BELOW = 10


def suppress(table, below=SUPPRESS_BELOW):
    """`table`: rows of counts (lists of equal length). The same rows with each hidden count
    replaced by None."""
    hidden = {(r, c) for r, row in enumerate(table) for c, n in enumerate(row) if 0 < n < below}
    while (cell := _next_to_hide(table, hidden)) is not None:
        hidden.add(cell)
    return [
        [None if (r, c) in hidden else n for c, n in enumerate(row)] for r, row in enumerate(table)
    ]


def _next_to_hide(table, hidden):
    """The next cell to hide, or None when the hidden cells are safe."""
    live = [r for r, row in enumerate(table) if any(row)]
    columns = len(table[0]) if table else 0
    rows = [[(r, c) for c in range(columns)] for r in live]
    lines = rows + [[(r, c) for r in live] for c in range(columns)]

    def count(cell):
        return table[cell[0]][cell[1]]

    def smallest(cells):
        return min(cells, key=count, default=None)

    for line in lines:
        shown = [cell for cell in line if cell not in hidden]
        if len(line) - len(shown) == 1 and shown:
            return smallest(shown)
    for line in rows:
        secret = [cell for cell in line if cell in hidden]
        if secret and not sum(map(count, secret)):
            return smallest([cell for cell in line if cell not in hidden and count(cell)])
    everything = {cell for line in rows for cell in line}
    for r, c in sorted(hidden):
        # Only where hiding more can help: not when a single stage holds everybody.
        if count((r, c)) and _pinned(table, hidden, (r, c)):
            if _pinned(table, everything, (r, c)):
                continue
            beside = lines[live.index(r)] + lines[len(live) + c]  # its row and its column
            cell = smallest([cell for cell in beside if cell not in hidden])
            if cell is not None:
                return cell
    return None


def _pinned(table, hidden, cell):
    """Whether the rows' and the columns' totals together leave `cell` one possible value.

    Another table with the same totals and shown cells differs from this one by +1 and -1
    steps around a cycle of hidden cells, alternating between a row and a column; a step
    down needs a count of at least 1. So `cell` can grow when its column reaches its row
    through other hidden cells (row to column: any hidden cell, column to row: a hidden
    count of at least 1), and shrink, if not 0, when its row reaches its column."""
    steps = {}
    for r, c in hidden - {cell}:
        steps.setdefault(("row", r), []).append(("column", c))
        if table[r][c]:
            steps.setdefault(("column", c), []).append(("row", r))

    def reaches(start, goal):
        seen, todo = {start}, [start]
        while todo:
            for step in steps.get(todo.pop(), ()):
                if step not in seen:
                    seen.add(step)
                    todo.append(step)
        return goal in seen

    r, c = cell
    can_grow = reaches(("column", c), ("row", r))
    can_shrink = table[r][c] > 0 and reaches(("row", r), ("column", c))
    return not (can_grow or can_shrink)

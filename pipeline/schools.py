"""Every school the viewer may see, one row each: the per-school figures of the dashboard.

The dashboard lists the schools that need attention most; this table has them all, to sort
and search. Other apps' columns come from `sections.SCHOOL_COLUMNS`.
"""

from django import forms

from pipeline import dashboard, sections

OWN_COLUMNS = [
    ("ready_now", "Ready now to lead a school"),
    ("ready_later", "Ready in 1–2 years"),
    ("nominations", "Nominations, current window"),
    ("nominees", "Nominees already candidates"),
]


def table(user, district, schools, candidates):
    """{"columns": [(key, label)], "rows": [{"school": SchoolRef, key: number, ...}]}, one
    row per active school, sorted by name. A fixed number of queries for any number of schools."""
    kept = dashboard.kept_numbers(user, district, schools, candidates)
    if kept is not None:  # one query, one row a school
        rows = {
            school.pk: {
                "school": school,
                "ready_now": now,
                "ready_later": later,
                "nominations": nominations,
                "nominees": nominees,
            }
            for school, now, later, nominations, nominees in dashboard.numbers_by_school(
                schools, *kept
            )
        }
    else:
        active = dashboard.active_schools(schools)
        bench = dashboard.bench_counts(candidates, schools)
        nominated, in_pipeline = dashboard.nomination_counts(user, district, schools, candidates)
        rows = {
            school.pk: {
                "school": school,
                "ready_now": bench[school.pk][0],
                "ready_later": bench[school.pk][1],
                "nominations": nominated.get(school.pk, 0),
                "nominees": in_pipeline.get(school.pk, 0),
            }
            for school in active
        }
    columns = list(OWN_COLUMNS)
    for extra in sections.school_columns(district, schools.filter(is_active=True)):
        columns.extend(extra["columns"])
        for school_id, values in extra["values"].items():
            if school_id in rows:
                rows[school_id].update(values)
    return {"columns": columns, "rows": list(rows.values())}


class SchoolListForm(forms.Form):
    q = forms.CharField(label="School name contains", required=False, max_length=100)
    only = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Every school"), ("nobody_ready", "Only schools with nobody ready now")],
    )
    sort = forms.ChoiceField(label="Sort by", required=False)

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Name")]
        for key, label in columns:
            choices.append((key, f"{label}, fewest first"))
            choices.append((f"-{key}", f"{label}, most first"))
        self.fields["sort"].choices = choices


def narrowed(rows, q, sort, only=""):
    """The rows whose school name contains `q` (with `only="nobody_ready"`, of schools where
    nobody is ready now to lead a school), sorted by `sort` (a column key, "-" first for
    most first) and then by name."""
    if q:
        rows = [row for row in rows if q.casefold() in row["school"].name.casefold()]
    if only == "nobody_ready":
        rows = [row for row in rows if not row["ready_now"]]
    rows = sorted(rows, key=lambda row: row["school"].name)
    if sort:
        key = sort.lstrip("-")
        rows.sort(key=lambda row: row.get(key, 0), reverse=sort.startswith("-"))
    return rows

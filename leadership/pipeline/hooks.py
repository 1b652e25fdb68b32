"""Extension points other apps fill without editing the pipeline's views.

- PIPELINE_SECTIONS: dotted paths to `section(user, district, schools) -> dict | None`.
  The dashboard renders each dict by including the template named in its "template" key,
  with the dict's other keys in the context. `schools` is the queryset of schools the
  viewer may see (all of the district's for an admin, their own for a principal).
- CANDIDATE_SECTIONS: dotted paths to `section(request, candidate) -> dict | None`, rendered
  the same way on the candidate page.
- EXPORT_COLUMNS: `(header, dotted path)` pairs; the function takes the list of exported
  candidates and returns `{candidate_id: value}` (missing ids export as empty cells).
- SCHOOL_COLUMNS: dotted paths to `columns(district, schools) -> {"columns": [(key, label)],
  "values": {school_id: {key: number}}}`: more numbers per school on /pipeline/schools/,
  sortable like the pipeline's own. `schools` is the queryset of active schools shown.
- FIGURE_SOURCES: the models ("app.Model") whose rows the dashboard's figures count, its
  sections' included, each with its topic. Saving or deleting one makes the figures of
  that topic count again (leadership/pipeline/figures.py); a section that counts a new
  model adds it here.

Every function must make a fixed number of queries, whatever the number of candidates.
"""

from django.utils.module_loading import import_string

from leadership.pipeline.figures import PEOPLE, REFLECTIONS

PIPELINE_SECTIONS = [
    "opportunities.reach.pipeline_section",
]

CANDIDATE_SECTIONS = [
    "leadership.pipeline.sections.candidate_programs",
    "leadership.pipeline.sections.candidate_reflections",
    "opportunities.record.candidate_section",
]

SCHOOL_COLUMNS = [
    "opportunities.reach.school_columns",
]

FIGURE_SOURCES = {
    "leadership.School": PEOPLE,
    "leadership.Membership": PEOPLE,
    "leadership.Candidate": PEOPLE,
    "leadership.Demographics": PEOPLE,
    "portrait.Framework": PEOPLE,
    "portrait.Attribute": PEOPLE,
    "portrait.Reflection": REFLECTIONS,
    "programs.Program": PEOPLE,
    "programs.Cohort": PEOPLE,
    "programs.Enrollment": PEOPLE,
    "programs.Assignment": PEOPLE,
    "programs.NominationWindow": PEOPLE,
    "programs.Nomination": PEOPLE,
    "opportunities.Opportunity": PEOPLE,
    "opportunities.Application": PEOPLE,
    "opportunities.ExperienceEntry": PEOPLE,
}

EXPORT_COLUMNS = [("Leadership experience", "opportunities.record.export_experience")]


def _rendered(paths, *args):
    found = []
    for path in paths:
        result = import_string(path)(*args)
        if result:
            found.append(result)
    return found


def pipeline_sections(user, district, schools):
    return _rendered(PIPELINE_SECTIONS, user, district, schools)


def candidate_sections(request, candidate):
    return _rendered(CANDIDATE_SECTIONS, request, candidate)


def school_columns(district, schools):
    return [import_string(path)(district, schools) for path in SCHOOL_COLUMNS]


def export_columns():
    return [(header, import_string(path)) for header, path in EXPORT_COLUMNS]

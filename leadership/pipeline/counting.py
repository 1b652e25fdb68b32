"""What the pipeline's pages count, by viewer, through the figures cache.

The dashboard and the schools page call these; so does the worker's recount after a change
(`leadership.tasks.recount_figures`), which keeps the district admins' figures counted
before anybody asks. Each function returns the counted figures, kept or counted now.
"""

from leadership import access
from leadership.models import Membership, Role
from leadership.pipeline import dashboard, figures, hooks, schools
from leadership.pipeline.scope import figure_scope, pipeline_scope, scoped_candidates


def dashboard_people(user, district, visible, is_admin):
    def count():
        candidates = scoped_candidates(user, district)
        numbers = dashboard.people_figures(user, district, visible, candidates)
        numbers["sections"] = hooks.pipeline_sections(user, district, visible)
        return numbers

    scope = figure_scope(user, district, is_admin)
    return figures.counted(f"{scope}:people", count)


def dashboard_reflections(user, district, visible, is_admin):
    def count():
        candidates = scoped_candidates(user, district)
        return dashboard.reflection_figures(district, visible, is_admin, candidates)

    scope = figure_scope(user, district, is_admin)
    return figures.counted(
        f"{scope}:reflections", count, topics=(figures.PEOPLE, figures.REFLECTIONS)
    )


def school_table(user, district, visible, is_admin):
    def count():
        return schools.table(user, district, visible, scoped_candidates(user, district))

    return figures.counted(f"{figure_scope(user, district, is_admin)}:schools", count)


def recount_for_admins():
    """Count every district's figures as its admins see them (all admins of a district see
    the same figures, so one admin each). Returns the number of districts counted."""
    admins = (
        Membership.objects.filter(role=Role.DISTRICT_ADMIN, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("district_id", "user_id")
    )
    seen = set()
    for membership in admins:
        if membership.district_id in seen:
            continue
        seen.add(membership.district_id)
        user = membership.user
        access.forget_memberships(user)
        district, visible, is_admin = pipeline_scope(user)
        if district.pk != membership.district_id:
            continue  # an admin of several districts: counted with their first district
        dashboard_people(user, district, visible, is_admin)
        dashboard_reflections(user, district, visible, is_admin)
        school_table(user, district, visible, is_admin)
    return len(seen)

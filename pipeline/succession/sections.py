"""Succession's parts of the pipeline's pages (listed in pipeline/sections.py): the positions
a candidate holds and held, on their page, and the placements made from slates, on the
district admins' dashboard. A fixed number of queries each."""

from leadership import access
from leadership.links import each_link
from pipeline.succession.models import Placement, RoleTerm, SlateEntry


def candidate_positions(request, candidate):
    """The person's leadership positions (role history); the slates naming them, and what is
    known about when they leave, only for the district's admins."""
    is_admin = candidate.district_id in access.admin_district_ids(request.user)
    terms = list(
        RoleTerm.objects.filter(district_id=candidate.district_id, person_id=candidate.user_id)
        .select_related("position__kind", "position__school")
        .order_by("-started_on", "-id")
    )
    slates = []
    if is_admin:
        slates = list(
            SlateEntry.objects.filter(candidate=candidate)
            .select_related("slate__position__kind", "slate__position__school", "slate__kind")
            .order_by("slate__filled_at", "rank")
        )
        # Only admins get links; each reversed once for the lists (leadership/links.py).
        position_link = each_link("pipeline:position_detail")
        slate_link = each_link("pipeline:slate_detail")
        for term in terms:
            term.link = position_link(term.position_id)
        for entry in slates:
            entry.link = (
                position_link(entry.slate.position_id)
                if entry.slate.position_id
                else slate_link(entry.slate_id)
            )
    return {
        "template": "pipeline/succession/_candidate_positions.html",
        "terms": terms,
        "slates": slates,
        "is_admin": is_admin,
    }


def placements_section(user, district, schools):
    """The latest placements from slates, for district admins (kept with the dashboard's
    counted figures, so it holds plain values only)."""
    if district.pk not in access.admin_district_ids(user):
        return None
    latest = (
        Placement.objects.filter(district=district)
        .select_related("position__kind", "position__school", "person")
        .order_by("-placed_at", "-id")[:5]
    )
    return {
        "template": "pipeline/succession/_dashboard_placements.html",
        "placements": [
            {
                "person": str(p.person),
                "person_id": p.person_id,
                "candidate_id": p.candidate_id,
                "position": str(p.position),
                "position_id": p.position_id,
                "starts_on": p.starts_on,
            }
            for p in latest
        ],
    }

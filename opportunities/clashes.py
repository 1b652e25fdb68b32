"""Who cannot be chosen for an opportunity, and why: the applicant list marks them (a
disabled checkbox and the reason) and the selection refuses them, in the same words.

- Already chosen elsewhere at the same time: selected, or chosen and not told yet, for
  another opportunity of the district (not called off) whose dates overlap this one's. An
  opportunity without a start date has no time to overlap; one without an end date goes on.
- Over seats: every seat is taken (people selected, and chosen but not told yet).
"""

from django.db.models import Q
from django.utils.formats import date_format

from leadership.words import counted
from opportunities.models import Application, Opportunity


def _when(starts_on, ends_on):
    if ends_on is None:
        return f"from {date_format(starts_on)}"
    return f"{date_format(starts_on)} – {date_format(ends_on)}"


def clashes(opportunity, applicant_ids):
    """{applicant id: why they cannot be chosen} for those of `applicant_ids` already chosen
    for another opportunity at the same time (one query; none without a start date)."""
    if opportunity.starts_on is None or not applicant_ids:
        return {}
    held = (
        Application.objects.filter(
            Q(status=Application.Status.SELECTED)
            | Q(status=Application.Status.SUBMITTED, chosen_at__isnull=False),
            applicant_id__in=applicant_ids,
            opportunity__district_id=opportunity.district_id,
            opportunity__starts_on__isnull=False,
        )
        .exclude(opportunity=opportunity)
        .exclude(opportunity__status=Opportunity.Status.CANCELLED)
        .filter(
            Q(opportunity__ends_on__isnull=True)
            | Q(opportunity__ends_on__gte=opportunity.starts_on)
        )
    )
    if opportunity.ends_on is not None:
        held = held.filter(opportunity__starts_on__lte=opportunity.ends_on)
    found = {}
    for applicant_id, title, starts_on, ends_on in held.order_by(
        "opportunity__starts_on", "opportunity_id"
    ).values_list(
        "applicant_id", "opportunity__title", "opportunity__starts_on", "opportunity__ends_on"
    ):
        found.setdefault(
            applicant_id,
            f"already chosen for “{title}” at the same time ({_when(starts_on, ends_on)})",
        )
    return found


def seats_full(opportunity):
    """Why nobody more can be chosen when every seat is taken."""
    taken = (
        "the only seat is taken"
        if opportunity.seats == 1
        else f"all {counted(opportunity.seats, 'seat')} are taken"
    )
    return f"{taken}; undo a choice to choose someone else"

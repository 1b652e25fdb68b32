"""Offering to mentor and pairing people with mentors. Pairing is atomic, refuses a mentor
over capacity (the message names it), and queues one email to each of the two."""

from django.db import transaction
from django.urls import reverse

from leadership.audit import audit_log
from leadership.models import Mentorship
from notices.notify import notify
from pipeline.mentoring import matching
from pipeline.mentoring.models import MentorOffer
from programs.services import cohort_members


class MatchError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def offer_save(*, person, district, capacity, note):
    """Offer to mentor, or change the offer. A capacity below the people one mentors now is
    refused (pairs are ended by the district, not by lowering it)."""
    current = Mentorship.objects.current().filter(district=district, mentor=person).count()
    if capacity < current:
        raise MatchError(
            f"You mentor {current} people now, more than a capacity of {capacity}. "
            "Nothing was changed."
        )
    offer, _ = MentorOffer.objects.update_or_create(
        district=district, person=person, defaults={"capacity": capacity, "note": note}
    )
    return offer


def offer_withdraw(*, person, district):
    """Stop offering. Current pairs go on until the district ends them."""
    return MentorOffer.objects.filter(district=district, person=person).delete()[0]


def _subject(mentor, person):
    def subject(recipient):
        if recipient.pk == mentor.pk:
            return f"You are now {person}'s mentor"
        return f"{mentor} is now your mentor"

    return subject


def _pair(*, actor, district, mentor, need, rule):
    reason = matching.why_not(mentor, need, rule)
    if reason:
        raise MatchError(f"{mentor.person} {reason}: they cannot mentor {need.person}.")
    pair = Mentorship.objects.create(
        district=district, mentor=mentor.person, person=need.person, created_by=actor
    )
    audit_log(
        district=district,
        actor=actor,
        action="mentorship.create",
        obj=pair,
        summary=f"Paired {need.person} with {mentor.person} as their mentor",
    )
    notify(
        kind="mentorship.paired",
        obj=pair,
        recipients=[mentor.person, need.person],
        subject=_subject(mentor.person, need.person),
        template="mentor_paired",
        context={"pair": pair},
        url=reverse("pipeline:mentoring"),
    )
    return pair


@transaction.atomic
def mentorship_create(*, actor, district, mentor_id, person, rule=matching.ANY):
    """Pair `person` with mentor `mentor_id`, rechecking every rule under a lock on the
    mentor's offer (two admins pairing at once cannot both take the last place)."""
    MentorOffer.objects.select_for_update().filter(district=district, person_id=mentor_id).first()
    mentor = matching.mentors(district, actor).get(mentor_id)
    if mentor is None:
        raise MatchError("That person has not offered to mentor. Nothing was changed.")
    need = matching.needs(district, [person])[person.pk]
    return _pair(actor=actor, district=district, mentor=mentor, need=need, rule=rule)


@transaction.atomic
def cohort_match_apply(*, actor, district, cohort, rule):
    """Match the cohort's active members who have no mentor, as matching.match_cohort
    proposes now; returns the matches (with those who could not be matched)."""
    list(MentorOffer.objects.select_for_update().filter(district=district))
    pool = matching.mentors(district, actor)
    found = matching.match_cohort(pool, matching.needs(district, cohort_members(cohort)), rule)
    for match in found:
        if match.suggestion is not None:
            mentor = match.suggestion.mentor
            _pair(actor=actor, district=district, mentor=mentor, need=match.need, rule=rule)
            mentor.load += 1
    return found

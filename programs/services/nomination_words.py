"""What a nomination's emails say to each of their readers.

The same move reads differently from where each person stands: the nominee reads "Your
nomination for the Fellowship was approved", the principal who nominated her "Your nomination
of Rosa Alvarez for the Fellowship was approved", anybody else "Rosa Alvarez's nomination for
the Fellowship was approved". Each function returns the subject as a function of its reader
(notices.notify takes one); the email's body starts with the same sentence.
"""

from programs.models import NominationStatus as S

DECIDED = {
    S.APPROVED: "was approved",
    S.WAITLISTED: "is on the waiting list",
    S.DECLINED: "was declined",
}


def _whose(nomination, reader):
    if reader.pk == nomination.nominee_id:
        return "Your nomination"
    if reader.pk == nomination.nominated_by_id:
        return f"Your nomination of {nomination.nominee}"
    return f"{nomination.nominee}'s nomination"


def moved_subject(nomination, event):
    """The subject of the email telling people that `nomination` moved (`event`)."""
    program, nominee, to = nomination.program.name, nomination.nominee, event.to_status

    def said_to(reader):
        if to in (S.ACCEPTED, S.NOMINEE_DECLINED):
            verb = "accepted" if to == S.ACCEPTED else "declined"
            whose = "your" if reader.pk == nomination.nominated_by_id else "the"
            return f"{nominee} {verb} {whose} nomination for {program}"
        if to in (S.ENDORSED, S.NOT_ENDORSED):
            verb = "endorsed" if to == S.ENDORSED else "did not endorse"
            principal = event.actor or "The principal"
            if reader.pk == nomination.nominee_id:
                return f"{principal} {verb} your nomination for {program}"
            return f"{principal} {verb} {nominee}'s nomination for {program}"
        return f"{_whose(nomination, reader)} for {program} {DECIDED[to]}"

    return said_to


def withdrawn_subject(nomination):
    """The subject of the email telling people that `nomination` was withdrawn."""
    program, nominee = nomination.program.name, nomination.nominee
    nominator = nomination.nominated_by

    def said_to(reader):
        if reader.pk == nomination.nominee_id:
            return f"{nominator} withdrew your nomination for {program}"
        if nomination.is_self_nomination:
            return f"{nominee} withdrew their nomination for {program}"
        return f"{nominator} withdrew the nomination of {nominee} for {program}"

    return said_to


def endorse_requested_subject(nomination):
    """The subject of the email asking a principal to endorse a self-nomination."""
    return f"{nomination.nominee} asks for your endorsement for {nomination.program.name}"

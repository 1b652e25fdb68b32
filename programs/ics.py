"""iCalendar (RFC 5545) text for session invitations, written by hand: a few lines suffice."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone


def _escape(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _host():
    return settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "deepbench"


def _document(method, events):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Deep Bench//Programs//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        *events,
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _event(session, *, sequence, now, cancelled=False):
    lines = [
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@{_host()}",
        f"DTSTAMP:{now}",
        f"SEQUENCE:{sequence}",
        f"DTSTART:{_stamp(session.starts_at)}",
        f"DTEND:{_stamp(session.ends_at)}",
        f"SUMMARY:{_escape(f'{session.cohort.program.name}: {session.title}')}",
    ]
    if cancelled:
        lines.append("STATUS:CANCELLED")
    if session.location:
        lines.append(f"LOCATION:{_escape(session.location)}")
    if session.description:
        lines.append(f"DESCRIPTION:{_escape(session.description)}")
    lines.append("END:VEVENT")
    return lines


def calendar(sessions, sequence=0):
    """One VCALENDAR with a VEVENT per session; the UID is stable, so an update (a higher
    `sequence`) replaces the earlier invitation in the person's calendar."""
    now = _stamp(timezone.now())
    events = []
    for session in sessions:
        events += _event(session, sequence=sequence, now=now)
    return _document("PUBLISH", events)


def cancel_sequence(session):
    """Higher than any update's SEQUENCE (those are the update's Unix time, in seconds)."""
    return int(session.cancelled_at.timestamp()) + 1


def cancellation(session):
    """METHOD:CANCEL for a cancelled session: same UID as its invitation, a higher SEQUENCE,
    so a calendar that holds the invitation takes the session out."""
    now = _stamp(timezone.now())
    event = _event(session, sequence=cancel_sequence(session), now=now, cancelled=True)
    return _document("CANCEL", event)

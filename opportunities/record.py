"""The leadership record on the pipeline's candidate page and in its export (see
leadership/pipeline/hooks.py). Each function makes a fixed number of queries."""

from opportunities.models import ExperienceEntry


def _when(entry):
    end = f"{entry.ended_on:%b %Y}" if entry.ended_on else "now"
    return f"{entry.started_on:%b %Y}–{end}"


def candidate_section(request, candidate):
    entries = ExperienceEntry.objects.filter(
        district_id=candidate.district_id, person_id=candidate.user_id
    )
    return {
        "template": "opportunities/_candidate_record.html",
        "entries": list(entries),
        "person": candidate.user,
    }


def export_experience(candidates):
    """`{candidate id: "Title (Sep 2024–Jun 2025); ..."}` for the pipeline export."""
    by_person = {(c.district_id, c.user_id): c.pk for c in candidates}
    if not by_person:
        return {}
    found = {}
    entries = ExperienceEntry.objects.filter(
        person_id__in={user for _, user in by_person},
        district_id__in={district for district, _ in by_person},
    ).order_by("started_on", "pk")
    for entry in entries:
        candidate_id = by_person.get((entry.district_id, entry.person_id))
        if candidate_id is not None:
            found.setdefault(candidate_id, []).append(f"{entry.title} ({_when(entry)})")
    return {candidate_id: "; ".join(lines) for candidate_id, lines in found.items()}

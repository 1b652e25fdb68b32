"""What archiving a reflection prompt does to the cohorts it is assigned to (portrait.uses)."""

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format

from portrait.models import Reflection
from programs.models import Assignment, Enrollment


def prompt_assignments(prompt):
    """A sentence for each running cohort that has the prompt as an assignment."""
    started = Reflection.objects.filter(author=OuterRef("person"), prompt=prompt)
    sentences = []
    for assignment in Assignment.objects.filter(
        prompt=prompt, cohort__ends_on__gte=timezone.localdate()
    ).select_related("cohort__program"):
        waiting = (
            assignment.cohort.enrollments.filter(status=Enrollment.Status.ACTIVE)
            .exclude(Exists(started))
            .count()
        )
        people = "person there has" if waiting == 1 else "people there have"
        sentences.append(
            f"It is an assignment of {assignment.cohort}, due {date_format(assignment.due_on)}: "
            f"{waiting} {people} not started it and could no longer start it."
        )
    return sentences

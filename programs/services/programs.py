"""Programs, cohorts, nomination windows and enrollments: create, edit, change status.

Each function is atomic, checks (raising ServiceError with a plain-language message),
writes, and records the audit log.
"""

from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_log
from leadership.words import counted
from programs.models import (
    Cohort,
    Enrollment,
    NominationWindow,
    Program,
)
from programs.services.common import ServiceError


@transaction.atomic
def program_create(
    *, actor, district, name, description, target_level, focus_attributes, is_active=True
):
    if Program.objects.filter(district=district, name__iexact=name).exists():
        raise ServiceError(f"There is already a program called “{name}”.")
    program = Program.objects.create(
        district=district,
        name=name,
        description=description,
        target_level=target_level,
        is_active=is_active,
    )
    program.focus_attributes.set(focus_attributes)
    audit_log(
        district=district,
        actor=actor,
        action="program.create",
        obj=program,
        summary=f"Created the program {program.name}",
    )
    return program


@transaction.atomic
def program_update(
    *, actor, program_id, name, description, target_level, focus_attributes, is_active=True
):
    program = Program.objects.select_for_update().get(pk=program_id)
    duplicate = Program.objects.filter(district_id=program.district_id, name__iexact=name)
    if duplicate.exclude(pk=program.pk).exists():
        raise ServiceError(f"There is already a program called “{name}”.")
    before = {"name": program.name, "target_level": program.target_level}
    program.name, program.description = name, description
    program.target_level, program.is_active = target_level, is_active
    program.save(update_fields=["name", "description", "target_level", "is_active"])
    program.focus_attributes.set(focus_attributes)
    audit_log(
        district=program.district,
        actor=actor,
        action="program.update",
        obj=program,
        summary=f"Updated the program {program.name}",
        before=before,
        after={"name": name, "target_level": target_level},
    )
    return program


@transaction.atomic
def cohort_create(*, actor, program, name, starts_on, ends_on, capacity, facilitator=None):
    if ends_on < starts_on:
        raise ServiceError("The cohort must end on or after the day it starts.")
    if program.cohorts.filter(name__iexact=name).exists():
        raise ServiceError(f"{program.name} already has a cohort called “{name}”.")
    cohort = Cohort.objects.create(
        program=program,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        facilitator=facilitator,
    )
    audit_log(
        district=program.district,
        actor=actor,
        action="cohort.create",
        obj=cohort,
        summary=f"Created the cohort {cohort.name} of {program.name}",
    )
    return cohort


@transaction.atomic
def cohort_update(*, actor, cohort_id, name, starts_on, ends_on, capacity, facilitator=None):
    cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
    if ends_on < starts_on:
        raise ServiceError("The cohort must end on or after the day it starts.")
    if cohort.program.cohorts.filter(name__iexact=name).exclude(pk=cohort.pk).exists():
        raise ServiceError(f"{cohort.program.name} already has a cohort called “{name}”.")
    taken = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count()
    if capacity < taken:
        raise ServiceError(
            f"{counted(taken, 'person', 'people')} {'is' if taken == 1 else 'are'} enrolled; "
            "the capacity cannot be less than that."
        )
    before = {"capacity": cohort.capacity, "name": cohort.name}
    cohort.name, cohort.starts_on, cohort.ends_on = name, starts_on, ends_on
    cohort.capacity, cohort.facilitator = capacity, facilitator
    cohort.save(update_fields=["name", "starts_on", "ends_on", "capacity", "facilitator"])
    audit_log(
        district=cohort.program.district,
        actor=actor,
        action="cohort.update",
        obj=cohort,
        summary=f"Updated the cohort {cohort}",
        before=before,
        after={"capacity": capacity, "name": name},
    )
    return cohort


@transaction.atomic
def window_create(*, actor, program, opens_on, closes_on):
    if closes_on < opens_on:
        raise ServiceError("The window must close on or after the day it opens.")
    overlapping = program.windows.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
    if overlapping.exists():
        raise ServiceError("That window overlaps another nomination window of this program.")
    window = NominationWindow.objects.create(
        program=program, opens_on=opens_on, closes_on=closes_on
    )
    audit_log(
        district=program.district,
        actor=actor,
        action="window.create",
        obj=window,
        summary=f"Opened nominations for {program.name}: {window}",
    )
    return window


@transaction.atomic
def enrollment_set_status(*, actor, enrollment_id, status):
    """Mark an enrollment completed or withdrawn (or active again), with the date."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment_id)
    status = Enrollment.Status(status)
    if enrollment.status == status:
        raise ServiceError(f"{enrollment.person} is already {status.label.lower()}.")
    if status == Enrollment.Status.ACTIVE:
        cohort = Cohort.objects.select_for_update().get(pk=enrollment.cohort_id)
        taken = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count()
        if taken >= cohort.capacity:
            raise ServiceError(
                f"{cohort.name} is full ({taken} of {counted(cohort.capacity, 'place')})."
            )
    before = enrollment.status
    enrollment.status = status
    enrollment.ended_on = None if status == Enrollment.Status.ACTIVE else timezone.localdate()
    enrollment.save(update_fields=["status", "ended_on"])
    audit_log(
        district=enrollment.cohort.program.district,
        actor=actor,
        action="enrollment.status",
        obj=enrollment,
        summary=f"{enrollment.person} in {enrollment.cohort}: {status.label}",
        before={"status": before},
        after={"status": status},
    )
    return enrollment

"""What every area of the programs services shares: the refusal they raise and who to tell."""

from django.core.exceptions import ValidationError

from leadership.models import Role, User


class ServiceError(ValidationError):
    """A refusal with a message for the person; `link` points at what it refers to."""

    def __init__(self, message, *, link=None):
        super().__init__(message)
        self.link = link


def district_admins(district_id):
    return User.objects.filter(
        memberships__district_id=district_id,
        memberships__role=Role.DISTRICT_ADMIN,
        memberships__is_active=True,
        is_active=True,
    ).distinct()


def school_principals(school_id):
    return User.objects.filter(
        memberships__school_id=school_id,
        memberships__role=Role.PRINCIPAL,
        memberships__is_active=True,
        is_active=True,
    ).distinct()


# --- Programs, cohorts, windows, sessions, assignments, attendance -----------------------

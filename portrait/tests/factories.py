"""Small builders for the portrait tests."""

from django.utils import timezone

from leadership.models import CoachAssignment
from portrait.models import GrowthStep, Reflection
from portrait.services import framework_for_district


def prompt_for(user, slug="collaboration"):
    district = user.memberships.first().district
    return framework_for_district(district).attributes.get(slug=slug).prompts.first()


def reflection_by(user, *, prompt=None, submitted=True, response="We met weekly.", **fields):
    prompt = prompt or prompt_for(user)
    return Reflection.objects.create(
        district=prompt.attribute.framework.district,
        author=user,
        prompt=prompt,
        attribute=prompt.attribute,
        response=response,
        self_rating=fields.pop("self_rating", GrowthStep.DEVELOPING),
        status=Reflection.Status.SUBMITTED if submitted else Reflection.Status.DRAFT,
        submitted_at=fields.pop("submitted_at", timezone.now() if submitted else None),
        **fields,
    )


def assign(coach, person):
    district = person.memberships.first().district
    return CoachAssignment.objects.create(district=district, coach=coach, person=person)

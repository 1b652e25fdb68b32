"""Builders for the pipeline tests: candidates and ratings in the cast's district."""

from django.utils import timezone

from conftest import make_person
from leadership.models import Role
from pipeline.models import Candidate, Stage
from portrait.models import Attribute, Framework, Reflection, ReflectionPrompt


def candidate(district, school, name, stage=Stage.IDENTIFIED, **fields):
    email = name.lower().replace(" ", ".") + "@maple.test"
    user = make_person(email, name, district, Role.TEACHER, school)
    return Candidate.objects.create(
        district=district, user=user, school=school, stage=stage, **fields
    )


def many_candidates(district, schools, count, prefix="Person"):
    from leadership.models import Membership, User

    users = User.objects.bulk_create(
        User(email=f"{prefix.lower()}{i}@bulk.test", full_name=f"{prefix} {i:05d}")
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=u, district=district, role=Role.TEACHER, school=schools[i % len(schools)])
        for i, u in enumerate(users)
    )
    stages = list(Stage.values)
    return Candidate.objects.bulk_create(
        Candidate(
            district=district,
            user=u,
            school=schools[i % len(schools)],
            stage=stages[i % len(stages)],
        )
        for i, u in enumerate(users)
    )


def framework(district):
    found = Framework.objects.create(district=district, name="Portrait of a Leader")
    attribute = Attribute.objects.create(
        framework=found, name="Empathy", slug="empathy", summary="Sees others.", order=1
    )
    prompt = ReflectionPrompt.objects.create(attribute=attribute, text="When did you listen?")
    return found, attribute, prompt


def rate(user, district, prompt, rating, days_ago=0):
    return Reflection.objects.create(
        district=district,
        author=user,
        prompt=prompt,
        attribute=prompt.attribute,
        response="Something I did.",
        self_rating=rating,
        status=Reflection.Status.SUBMITTED,
        submitted_at=timezone.now() - timezone.timedelta(days=days_ago),
    )

import datetime

import pytest
from django.utils import timezone

from opportunities.models import Application, Opportunity, OpportunityKind
from portrait.models import Attribute, Framework


@pytest.fixture
def kind(district):
    return OpportunityKind.objects.create(district=district, name="Curriculum-review committee")


@pytest.fixture
def attributes(district):
    framework = Framework.objects.create(district=district)
    return [
        Attribute.objects.create(framework=framework, name=name, slug=name.lower(), summary=name)
        for name in ["Collaboration", "Advocacy"]
    ]


@pytest.fixture
def make_opportunity(district, kind, principal):
    def make(title="Review the grade 7 science units", school=None, seats=2, days=10, **extra):
        return Opportunity.objects.create(
            district=extra.pop("district", district),
            kind=extra.pop("kind", kind),
            title=title,
            description="Read the units with two colleagues and suggest changes.",
            time_asked="Two afternoons",
            seats=seats,
            school=school,
            closes_on=timezone.localdate() + datetime.timedelta(days=days),
            posted_by=extra.pop("posted_by", principal),
            **extra,
        )

    return make


@pytest.fixture
def opportunity(make_opportunity, school):
    return make_opportunity(school=school)


def sent(opportunity, person, status=Application.Status.SUBMITTED, note="I would like to help."):
    return Application.objects.create(
        opportunity=opportunity,
        applicant=person,
        note=note,
        status=status,
        submitted_at=None if status == "draft" else timezone.now(),
    )

from leadership.models import District
from portrait import default_framework
from portrait.models import Attribute, Framework, LevelDescriptor, ReflectionPrompt
from portrait.services import framework_copy_default, framework_for_district


def test_it_copies_the_default_framework_into_a_district(district):
    framework = framework_for_district(district)

    attributes = list(framework.attributes.all())
    assert [a.name for a in attributes] == [
        "Human-Centered Approaches",
        "Transformation",
        "Authenticity",
        "Collaboration",
        "Advocacy",
    ]
    assert LevelDescriptor.objects.filter(attribute__framework=framework).count() == 15
    for attribute in attributes:
        assert attribute.prompts.count() >= 3
        assert attribute.examples.count() >= 1
    assert framework.resources.count() == len(default_framework.RESOURCES)


def test_it_copies_only_once(district):
    first = framework_copy_default(district=district)
    second = framework_copy_default(district=district)
    third = framework_for_district(district)

    assert first == second == third
    assert Framework.objects.filter(district=district).count() == 1
    assert Attribute.objects.filter(framework__district=district).count() == 5


def test_it_gives_each_district_its_own_copy(district, other_district):
    mine = framework_for_district(district)
    theirs = framework_for_district(other_district)
    prompt = ReflectionPrompt.objects.filter(attribute__framework=mine).first()
    prompt.text = "Edited by our district"
    prompt.save(update_fields=["text"])

    assert mine != theirs
    assert not ReflectionPrompt.objects.filter(
        attribute__framework=theirs, text="Edited by our district"
    ).exists()


def test_it_keeps_a_district_that_has_a_framework_untouched(db):
    district = District.objects.create(name="Birch", slug="birch")
    own = Framework.objects.create(district=district, name="Our own")

    assert framework_for_district(district) == own
    assert not own.attributes.exists()

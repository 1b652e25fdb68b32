"""leadership/picker.py: typed text resolved to one choice, or a clear refusal with matches."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from leadership import picker
from leadership.models import School

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(district):
    names = ["Lincoln Elementary", "Lincoln Middle", "Oak Hill High", "Riverside <Academy>"]
    return [School.objects.create(district=district, name=name) for name in names]


def _choices(district):
    return picker.labelled(School.objects.filter(district=district))


def test_it_resolves_an_id_the_exact_name_or_the_only_name_containing_the_text(district, schools):
    choices = _choices(district)
    assert picker.resolve(choices, str(schools[2].pk), "school") == schools[2].pk
    assert picker.resolve(choices, "lincoln middle", "school") == schools[1].pk
    assert picker.resolve(choices, "  oak  ", "school") == schools[2].pk
    assert picker.resolve(choices, "", "school") is None
    assert picker.resolve(choices, None, "school") is None


def test_it_names_the_matches_when_the_text_names_several(district, schools):
    with pytest.raises(ValidationError) as refused:
        picker.resolve(_choices(district), "Lincoln", "school")
    assert refused.value.messages == [
        "Several schools match “Lincoln”: Lincoln Elementary; Lincoln Middle. Type the whole name."
    ]


def test_it_refuses_text_that_names_nothing_and_an_id_outside_the_choices(
    district, other_district, schools
):
    stranger = School.objects.create(district=other_district, name="Far Away School")
    with pytest.raises(ValidationError, match="No school is called “Zebra”"):
        picker.resolve(_choices(district), "Zebra", "school")
    with pytest.raises(ValidationError, match="not one you can choose"):
        picker.resolve(_choices(district), str(stranger.pk), "school")


def test_it_survives_nul_control_characters_and_100000_characters(district, schools):
    choices = _choices(district)
    assert picker.resolve(choices, "Oak\x00 Hill", "school") == schools[2].pk
    assert picker.resolve(choices, "\x00\x01", "school") is None
    with pytest.raises(ValidationError, match="No school"):
        picker.resolve(choices, "x" * 100_000, "school")
    assert picker.matches(choices, "9" * 100_000) == []
    assert len(picker.clean_text("y" * 100_000)) == picker.MAX_CHARS


def test_matches_are_capped_and_put_the_exact_name_first(district):
    School.objects.bulk_create(
        School(district=district, name=f"Maple {i:02d}") for i in range(picker.LIMIT + 5)
    )
    School.objects.create(district=district, name="Maple")
    found = picker.matches(_choices(district), "maple")
    assert len(found) == picker.LIMIT
    assert found[0][1] == "Maple"


class PickForm(forms.Form):
    school = picker.PickField(noun="school", widget=picker.Picker(search_url="/search/"))

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


def test_a_short_list_stays_a_select_and_a_long_one_becomes_a_search_box(district, schools):
    few = str(PickForm(schools=School.objects.filter(district=district))["school"])
    assert few.startswith("<select") and few.count("<option") == len(schools) + 1
    assert "Riverside &lt;Academy&gt;" in few
    School.objects.bulk_create(
        School(district=district, name=f"School {i:03d}") for i in range(picker.SHORT)
    )
    form = PickForm(
        {"school": str(schools[0].pk)}, schools=School.objects.filter(district=district)
    )
    many = str(form["school"])
    assert "<select" not in many and 'type="search"' in many
    assert 'list="id_school-list"' in many and 'hx-get="/search/"' in many
    assert 'value="Lincoln Elementary"' in many  # the chosen id is shown as its name
    assert form.is_valid() and form.cleaned_data["school"] == schools[0]


def test_a_bound_form_offers_the_matches_of_what_was_typed_without_javascript(district, schools):
    School.objects.bulk_create(
        School(district=district, name=f"School {i:03d}") for i in range(picker.SHORT)
    )
    form = PickForm({"school": "Lincoln"}, schools=School.objects.filter(district=district))
    assert not form.is_valid()
    html = str(form["school"])
    assert '<option value="Lincoln Elementary"></option>' in html
    assert '<option value="Lincoln Middle"></option>' in html
    assert "Several schools match" in form.errors["school"][0]


def test_a_full_short_list_is_a_select_in_name_order(district):
    """Exactly SHORT choices: every one in the select, by name, whatever order they were made
    in (the picker reads some SHORT + 1 of them first, then orders those by name)."""
    names = [f"School {i:03d}" for i in reversed(range(picker.SHORT))]
    School.objects.bulk_create(School(district=district, name=name) for name in names)
    select = str(PickForm(schools=School.objects.filter(district=district))["school"])
    assert select.startswith("<select")
    shown = [name for name in select.split(">") if name.startswith("School ")]
    assert [name.split("<")[0] for name in shown] == sorted(names)


def test_the_refusal_says_people_not_persons(district, schools):
    with pytest.raises(ValidationError) as refused:
        picker.resolve(_choices(district), "Lincoln", "person")
    assert refused.value.messages[0].startswith("Several people match “Lincoln”:")


def test_a_field_takes_an_id_sent_as_a_number_and_refuses_other_types(district, schools):
    """The API sends ids as JSON numbers; a list, an object or true is refused, never read
    as "no choice", and an id out of any column's range is a message, not a database error."""
    field = picker.PickField(queryset=School.objects.filter(district=district), noun="school")
    assert field.clean(schools[1].pk) == schools[1]
    assert field.clean(schools[1]) == schools[1]
    assert field.clean(None) is None
    for wrong in ([schools[1].pk], {"id": schools[1].pk}, True, 10**30, -4):
        with pytest.raises(ValidationError, match="not one you can choose"):
            field.clean(wrong)


@pytest.mark.parametrize(
    "url_name",
    [
        "portrait:coach_search",
        "opportunities:experience_person_search",
        "opportunities:posting_school_search",
        "pipeline:plan_opportunity_search",
        "pipeline:succession_school_search",
    ],
)
def test_a_search_endpoint_only_reads(url_name, client, cast):
    """A search answers GET; a POST, even signed in with the token, changes nothing: 405."""
    from django.urls import reverse

    client.force_login(cast["admin"])
    url = reverse(url_name)
    assert client.get(url, {"q": "a"}).status_code == 200
    refused = client.post(url, {"q": "a"})
    assert refused.status_code == 405
    assert "GET" in refused["Allow"]

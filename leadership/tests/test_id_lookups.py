"""A number no id column can hold, sent where an id belongs, matches nothing: `in`, and
`exact` and `in` through a foreign key, as Django already does for `exact` on the id."""

from leadership.models import Membership, School

HUGE = 10**30


def test_an_out_of_range_id_in_a_list_matches_nothing(school, other_school):
    assert list(School.objects.filter(pk__in=[HUGE])) == []
    assert list(School.objects.filter(pk__in=[HUGE, school.pk, -HUGE])) == [school]


def test_an_out_of_range_id_through_a_foreign_key_matches_nothing(teacher, school):
    assert not Membership.objects.filter(school_id=HUGE).exists()
    assert not Membership.objects.filter(school=HUGE).exists()
    assert list(Membership.objects.filter(school_id__in=[HUGE, school.pk])) == list(
        Membership.objects.filter(school=school)
    )
    assert Membership.objects.exclude(school_id=HUGE).count() == Membership.objects.count()

"""leadership/links.py: a row's link without a reverse() a row."""

import pytest
from django.urls import reverse

from leadership.links import each_link


@pytest.mark.parametrize(
    "viewname", ["pipeline:person", "programs:nomination", "programs:enrollment_status"]
)
def test_it_gives_what_reverse_gives(viewname):
    link = each_link(viewname)
    for pk in (1, 42, 987654321 + 1, 10**12):
        assert link(pk) == reverse(viewname, args=[pk])


def test_it_refuses_what_is_not_an_id():
    with pytest.raises(ValueError):
        each_link("pipeline:person")("1/../admin")


def test_a_fixed_link_is_what_reverse_gives_under_any_script_prefix():
    from django.urls import clear_script_prefix, set_script_prefix

    from leadership.links import fixed_link

    assert fixed_link("pipeline:candidate_list") == reverse("pipeline:candidate_list")
    set_script_prefix("/district/")
    try:
        assert fixed_link("pipeline:candidate_list") == reverse("pipeline:candidate_list")
        assert fixed_link("pipeline:candidate_list").startswith("/district/")
    finally:
        clear_script_prefix()
    assert not fixed_link("pipeline:candidate_list").startswith("/district/")

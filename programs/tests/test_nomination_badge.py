"""programs/templatetags/nomination_tags.py: the status badge drawn in Python."""

from django.template import engines

from programs.models import NominationStatus

# templates/programs/_status.html as it was, an include a row in the queue.
INCLUDED = (
    "<span class=\"badge {% if status == 'approved' %}text-bg-success{% elif status == 'declined'"
    " or status == 'nominee_declined' or status == 'not_endorsed' or status == 'withdrawn' %}"
    "text-bg-secondary{% elif status == 'waitlisted' %}text-bg-info{% else %}text-bg-warning"
    '{% endif %}">{{ label }}</span>'
)


def test_every_status_gets_the_badge_the_include_gave():
    ours = engines["django"].from_string(
        "{% load nomination_tags %}{{ status|status_badge:label }}"
    )
    old = engines["django"].from_string(INCLUDED)
    for status in NominationStatus:
        context = {"status": status, "label": status.label}
        assert ours.render(context) == old.render(context), status
    context = {"status": "approved", "label": "<Approved & done>"}
    assert ours.render(context) == old.render(context)
    assert "&lt;Approved &amp; done&gt;" in ours.render(context)

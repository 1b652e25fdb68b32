"""A nomination's status as a badge, drawn in Python: the queue shows fifty a page, and an
include a row cost more than the badge itself."""

from django import template
from django.utils.html import format_html

from programs.models import NominationStatus as S

register = template.Library()

BADGES = {
    S.APPROVED: "text-bg-success",
    S.DECLINED: "text-bg-secondary",
    S.NOMINEE_DECLINED: "text-bg-secondary",
    S.NOT_ENDORSED: "text-bg-secondary",
    S.WITHDRAWN: "text-bg-secondary",
    S.WAITLISTED: "text-bg-info",
}


@register.filter
def status_badge(status, label):
    """`<span class="badge ...">label</span>`: green when approved, grey when it ended
    otherwise, blue when waitlisted, yellow while it waits for someone."""
    return format_html(
        '<span class="badge {}">{}</span>', BADGES.get(status, "text-bg-warning"), label
    )

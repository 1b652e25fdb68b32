from django import template

from notices.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context):
    """The signed-in person's unread notifications: one query, once per page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cached = getattr(request, "_unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        request._unread_notifications = cached
    return cached

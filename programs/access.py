"""Turning ids from requests into programs objects (404 outside, 403 for the wrong role).

Built on leadership.access; every view of this app goes through these functions.
"""

from django.http import Http404

from programs.models import Notification


def get_notification_for_user(user, notification_id):
    """A notification addressed to `user`; anybody else's is 404."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification

"""The only way from a request's id to a notification."""

from django.http import Http404

from notices.models import Notification


def get_notification_for_user(user, notification_id):
    """A notification addressed to `user`; anybody else's is 404."""
    notification = Notification.objects.filter(pk=notification_id, recipient=user).first()
    if notification is None:
        raise Http404("No such notification.")
    return notification

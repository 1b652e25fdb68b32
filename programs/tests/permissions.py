from django.urls import reverse

from leadership.tests.permission_table import Row
from programs.models import Notification


def objects(cast):
    notification = Notification.objects.create(
        key="perm|teacher", recipient=cast["teacher"], text="A notice for the teacher"
    )
    return {"notification": notification}


ROWS = {
    "programs:notifications": Row(lambda o: reverse("programs:notifications")),
    # POST only; somebody else's notification is 404 on POST (see test_notifications.py).
    "programs:notification_open": Row(
        lambda o: reverse("programs:notification_open", args=[o["notification"].pk]),
        default=405,
    ),
    "programs:notifications_read": Row(
        lambda o: reverse("programs:notifications_read"), default=405
    ),
    "programs:reminder_preference": Row(
        lambda o: reverse("programs:reminder_preference"), default=405
    ),
}

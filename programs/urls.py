from django.urls import path

from programs.views import notifications

app_name = "programs"

urlpatterns = [
    path("notifications/", notifications.notification_list, name="notifications"),
    path(
        "notifications/<int:notification_id>/open/",
        notifications.notification_open,
        name="notification_open",
    ),
    path("notifications/read/", notifications.notifications_read_all, name="notifications_read"),
    path(
        "notifications/reminders/",
        notifications.reminder_preference,
        name="reminder_preference",
    ),
]

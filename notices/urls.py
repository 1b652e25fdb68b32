from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/<int:notification_id>/open/",
        views.notification_open,
        name="notification_open",
    ),
    path("notifications/read/", views.notifications_read_all, name="notifications_read"),
    path(
        "notifications/reminders/",
        views.reminder_preference,
        name="reminder_preference",
    ),
]

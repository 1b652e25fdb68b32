"""The in-app notifications list and the reminder-email preference."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notices import access
from notices.forms import ReminderPreferenceForm
from notices.models import Notification


@login_required
def notification_list(request):
    found = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notices/notifications.html",
        {
            "page": page,
            "unread": found.filter(read_at__isnull=True).count(),
            "preference_form": ReminderPreferenceForm(
                initial={"reminder_emails": request.user.reminder_emails}
            ),
        },
    )


@login_required
@require_POST
def notification_open(request, notification_id):
    """Mark one notification read and go where it points."""
    notification = access.get_notification_for_user(request.user, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notices:notifications")


@login_required
@require_POST
def notifications_read_all(request):
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} as read.")
    return redirect("notices:notifications")


@login_required
@require_POST
def reminder_preference(request):
    form = ReminderPreferenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That choice was not understood; nothing changed.")
        return redirect("notices:notifications")
    request.user.reminder_emails = form.cleaned_data["reminder_emails"]
    request.user.save(update_fields=["reminder_emails"])
    if request.user.reminder_emails:
        messages.success(request, "Reminder emails are on.")
    else:
        messages.success(
            request, "Reminder emails are off. Emails about your nominations still arrive."
        )
    return redirect("notices:notifications")

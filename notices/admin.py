from django.contrib import admin

from notices.models import Notification, Outbox


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_email", "kind", "due_at", "sent_at", "attempts", "gave_up_at"]
    list_filter = ["kind", "sent_at"]
    search_fields = ["to_email", "subject", "key"]
    readonly_fields = ["key", "message_id", "created_at", "sent_at", "attempts", "last_error"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["text", "recipient", "created_at", "read_at"]
    search_fields = ["text", "recipient__email"]
    raw_id_fields = ["recipient"]

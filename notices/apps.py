from django.apps import AppConfig


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"
    verbose_name = "Email and notifications"

    def ready(self):
        from celery.signals import worker_ready

        from notices.tasks import send_when_a_worker_starts

        worker_ready.connect(send_when_a_worker_starts, dispatch_uid="notices.worker_start")

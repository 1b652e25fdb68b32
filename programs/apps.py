from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Programs and nominations"

    def ready(self):
        from portrait.signals import feedback_given
        from programs import receivers

        feedback_given.connect(
            receivers.notify_feedback_given, dispatch_uid="programs.notify_feedback_given"
        )

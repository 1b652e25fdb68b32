from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leadership"
    verbose_name = "People and schools"

    def ready(self):
        from leadership import lookups

        lookups.register()

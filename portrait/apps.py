from django.apps import AppConfig


class PortraitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portrait"
    verbose_name = "Portrait of a Leader"

    def ready(self):
        from leadership import audit_words, home
        from portrait.home import section
        from portrait.models import GrowthStep

        home.register(section)
        audit_words.name_key("reflection.feedback", "rating", "coach's rating", GrowthStep.choices)

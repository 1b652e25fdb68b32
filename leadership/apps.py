from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "leadership"
    verbose_name = "People and pipeline"

    def ready(self):
        from leadership.pipeline import figures, hooks

        figures.connect(hooks.FIGURE_SOURCES)

from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opportunities"
    verbose_name = "Leadership opportunities"

    def ready(self):
        from leadership import home
        from opportunities.home import section

        home.register(section)

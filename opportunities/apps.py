from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OpportunitiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "opportunities"
    verbose_name = "Leadership opportunities"

    def ready(self):
        from leadership import home
        from opportunities import kept_reach
        from opportunities.home import section

        home.register(section)
        post_migrate.connect(
            kept_reach.reinstall_if_missing,
            sender=self,
            dispatch_uid="opportunities.kept_reach.reinstall",
        )

from django.apps import AppConfig


class PortraitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portrait"
    verbose_name = "Portrait of a Leader"

    def ready(self):
        from leadership import home
        from portrait.home import section

        home.register(section)

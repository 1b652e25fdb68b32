from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API for the district's other systems"

    def ready(self):
        from api import schema, stamps  # noqa: F401 -- schema registers the token scheme

        stamps.connect()

from django.apps import AppConfig


class SsoConfig(AppConfig):
    """Sign-in with the district's account (leadership/sso/__init__.py says how it fits)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "leadership.sso"
    label = "sso"
    verbose_name = "Sign-in with district accounts"

    def ready(self):
        from leadership.sso import checks, signals  # noqa: F401  (registers both)

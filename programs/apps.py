from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Programs and nominations"

    def ready(self):
        from leadership import home
        from programs.home import section

        home.register(section)

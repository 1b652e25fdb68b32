from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programs"
    verbose_name = "Programs and nominations"

    def ready(self):
        from leadership import home
        from portrait import uses
        from programs.home import section
        from programs.uses import prompt_assignments

        home.register(section)
        uses.register(prompt_assignments)

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PipelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pipeline"
    verbose_name = "Leadership pipeline"

    def ready(self):
        from leadership import access, context_processors, home
        from pipeline import (
            figures,
            kept_bench,
            kept_candidates,
            kept_nominations,
            rating_spans,
            services,
        )
        from pipeline.home import section
        from pipeline.plans import home as plans_home
        from pipeline.succession import access as succession_access
        from programs.models import Nomination
        from programs.signals import nomination_approved

        home.register(section)
        home.register(plans_home.section)
        access.annotate_memberships(
            succession_access.SUPERVISES, succession_access.supervises_expression()
        )
        context_processors.register("nav_succession", succession_access.may_open_succession)
        figures.connect()
        post_migrate.connect(
            rating_spans.reinstall_if_missing,
            sender=self,
            dispatch_uid="pipeline.rating_spans.reinstall",
        )
        post_migrate.connect(
            kept_nominations.reinstall_if_missing,
            sender=self,
            dispatch_uid="pipeline.kept_nominations.reinstall",
        )
        post_migrate.connect(
            kept_bench.reinstall_if_missing,
            sender=self,
            dispatch_uid="pipeline.kept_bench.reinstall",
        )
        # After the rating spans': its triggers count the spans kept_candidates reads.
        post_migrate.connect(
            kept_candidates.reinstall_if_missing,
            sender=self,
            dispatch_uid="pipeline.kept_candidates.reinstall",
        )
        nomination_approved.connect(
            services.candidate_from_approved_nomination,
            sender=Nomination,
            dispatch_uid="pipeline.candidate_from_approved_nomination",
        )

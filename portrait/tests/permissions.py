from django.core.files.base import ContentFile
from django.urls import reverse

from leadership.models import CoachAssignment
from leadership.tests.permission_table import Row
from portrait.models import GrowthStep, Reflection
from portrait.services import framework_for_district

POST_ONLY = {"default": 405}


def objects(cast):
    teacher = cast["teacher"]
    district = teacher.memberships.get().district
    framework = framework_for_district(district)
    attribute = framework.attributes.get(slug="collaboration")
    prompt = attribute.prompts.first()
    CoachAssignment.objects.create(district=district, coach=cast["coach"], person=teacher)
    submitted = Reflection.objects.create(
        district=district,
        author=teacher,
        prompt=prompt,
        attribute=attribute,
        response="We planned the unit together.",
        self_rating=GrowthStep.DEVELOPING,
        status=Reflection.Status.SUBMITTED,
        submitted_at="2026-10-01T12:00:00Z",
    )
    submitted.evidence_file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    draft = Reflection.objects.create(
        district=district, author=teacher, prompt=prompt, attribute=attribute, response="Hmm"
    )
    return {
        "attribute": attribute,
        "prompt": prompt,
        "example": attribute.examples.first(),
        "resource": framework.resources.first(),
        "submitted": submitted,
        "draft": draft,
        "assignment": CoachAssignment.objects.get(),
    }


def _reflection(name, key="submitted"):
    return lambda o: reverse(f"portrait:{name}", args=[o[key].pk])


ROWS = {
    "portrait:index": Row(lambda o: reverse("portrait:index")),
    "portrait:framework_edit": Row(
        lambda o: reverse("portrait:framework_edit"),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    # Every district has its own copy, so the outsider sees (and edits) theirs.
    "portrait:attribute_detail": Row(
        lambda o: reverse("portrait:attribute_detail", args=[o["attribute"].slug])
    ),
    "portrait:attribute_edit": Row(
        lambda o: reverse("portrait:attribute_edit", args=[o["attribute"].slug]),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "portrait:prompt_add": Row(
        lambda o: reverse("portrait:prompt_add", args=[o["attribute"].slug]), **POST_ONLY
    ),
    "portrait:example_add": Row(
        lambda o: reverse("portrait:example_add", args=[o["attribute"].slug]), **POST_ONLY
    ),
    "portrait:resource_add": Row(
        lambda o: reverse("portrait:resource_add", args=[o["attribute"].slug]), **POST_ONLY
    ),
    "portrait:prompt_archive": Row(
        lambda o: reverse("portrait:prompt_archive", args=[o["prompt"].pk]), **POST_ONLY
    ),
    "portrait:prompt_move": Row(
        lambda o: reverse("portrait:prompt_move", args=[o["prompt"].pk]), **POST_ONLY
    ),
    "portrait:example_archive": Row(
        lambda o: reverse("portrait:example_archive", args=[o["example"].pk]), **POST_ONLY
    ),
    "portrait:resource_archive": Row(
        lambda o: reverse("portrait:resource_archive", args=[o["resource"].pk]), **POST_ONLY
    ),
    # Only the district's admins edit; the outsider (another district's admin) gets 404.
    "portrait:example_edit": Row(
        lambda o: reverse("portrait:example_edit", args=[o["example"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "portrait:resource_edit": Row(
        lambda o: reverse("portrait:resource_edit", args=[o["resource"].pk]),
        default=403,
        expect={"admin": 200, "outsider": 404},
    ),
    "portrait:reflection_list": Row(lambda o: reverse("portrait:reflection_list")),
    "portrait:reflection_new": Row(
        lambda o: f"{reverse('portrait:reflection_new')}?prompt={o['prompt'].pk}",
        expect={"outsider": 404, "teacher": 302},  # the teacher has a draft: it opens that
    ),
    "portrait:reflection_autosave": Row(
        lambda o: reverse("portrait:reflection_autosave"), **POST_ONLY
    ),
    # The principal sees that it exists and when it was submitted, not its text.
    "portrait:reflection_detail": Row(_reflection("reflection_detail"), expect={"outsider": 404}),
    # A draft is its author's alone.
    "portrait:reflection_edit": Row(
        _reflection("reflection_edit", "draft"), default=404, expect={"teacher": 200}
    ),
    "portrait:reflection_evidence": Row(
        _reflection("reflection_evidence"), expect={"principal": 403, "outsider": 404}
    ),
    "portrait:reflection_share": Row(_reflection("reflection_share"), **POST_ONLY),
    "portrait:addendum_add": Row(_reflection("addendum_add"), **POST_ONLY),
    "portrait:feedback_add": Row(_reflection("feedback_add"), **POST_ONLY),
    "portrait:growth": Row(lambda o: reverse("portrait:growth")),
    "portrait:coaching": Row(
        lambda o: reverse("portrait:coaching"), default=403, expect={"admin": 200, "outsider": 200}
    ),
    # The coach picker's suggestions there: the admins who assign (each their own district's).
    "portrait:coach_search": Row(
        lambda o: reverse("portrait:coach_search") + "?coach=cora",
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
    "portrait:coaching_remove": Row(
        lambda o: reverse("portrait:coaching_remove", args=[o["assignment"].pk]), **POST_ONLY
    ),
    # A coach's own list of the people assigned to them: coaches only.
    "portrait:coachee_list": Row(
        lambda o: reverse("portrait:coachee_list"), default=403, expect={"coach": 200}
    ),
}

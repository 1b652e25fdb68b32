"""The portrait app's part of the home page (see leadership/home.py).

Read-only: it never creates the district's framework copy (the portrait pages do).
"""

from django.db.models import Exists, OuterRef

from leadership import access as people
from leadership.models import CoachAssignment, Role
from portrait.models import Feedback, Reflection, ReflectionPrompt

PROMPTS_SHOWN = 3
FEEDBACK_SHOWN = 5
AWAITING_SHOWN = 10


def _prompts_to_answer(user, district):
    answered = Reflection.objects.filter(author=user, prompt=OuterRef("pk"))
    # The district has at most one current framework (constraint framework_one_current).
    unanswered = (
        ReflectionPrompt.objects.active()
        .filter(attribute__framework__district=district, attribute__framework__is_current=True)
        .exclude(Exists(answered))
        .select_related("attribute")
    )
    # One prompt from each of the first attributes, so the suggestions cover the Portrait.
    first_per_attribute = {}
    for prompt in unanswered:
        first_per_attribute.setdefault(prompt.attribute_id, prompt)
    return list(first_per_attribute.values())[:PROMPTS_SHOWN]


def section(request):
    user = request.user
    held = people.roles(user)
    district = people.primary_district(user)
    if district is None:
        return {}
    context = {
        "portrait_prompts": _prompts_to_answer(user, district),
        "portrait_feedback": list(
            Feedback.objects.filter(reflection__author=user)
            .select_related("author", "reflection__attribute")
            .order_by("-created_at")[:FEEDBACK_SHOWN]
        ),
        "portrait_drafts": Reflection.objects.filter(
            author=user, status=Reflection.Status.DRAFT
        ).count(),
    }
    if Role.COACH in held:
        context["portrait_awaiting"] = list(
            Reflection.objects.submitted()
            .filter(
                Exists(
                    CoachAssignment.objects.filter(
                        coach=user, person=OuterRef("author"), district=OuterRef("district")
                    )
                )
            )
            .exclude(Exists(Feedback.objects.filter(reflection=OuterRef("pk"))))
            .select_related("author", "attribute")
            .order_by("submitted_at")[:AWAITING_SHOWN]
        )
    return context

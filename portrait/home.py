"""The portrait app's part of the home page (see leadership/home.py).

Read-only: it never creates the district's framework copy (the portrait pages do).
"""

from django.db.models import Exists, OuterRef

from leadership import access as people
from leadership.links import each_link
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


def _lines(rows, reflection, attribute, *fields):
    """`rows` as the home's lists show them: the reflection's link, the author's name (as
    User.__str__ writes it), the attribute's name and `fields`. Read as values, not as a
    model with its author and reflection per line."""
    link = each_link("portrait:reflection_detail")
    return [
        {
            "url": link(row[reflection]),
            "author": row["author__full_name"] or row["author__email"],
            "attribute": row[attribute],
            **{field: row[field] for field in fields},
        }
        for row in rows.values(reflection, "author__full_name", "author__email", attribute, *fields)
    ]


def _feedback_for(user):
    """The latest feedback on the person's reflections: who gave it, on which attribute,
    when and what."""
    latest = Feedback.objects.filter(reflection__author=user).order_by("-created_at")
    fields = ("reflection_id", "reflection__attribute__name", "created_at", "text")
    return _lines(latest[:FEEDBACK_SHOWN], *fields)


def _awaiting_feedback(coach):
    """The submitted reflections of the people `coach` coaches that have no feedback yet,
    oldest first."""
    waiting = (
        Reflection.objects.submitted()
        .filter(
            Exists(
                CoachAssignment.objects.filter(
                    coach=coach, person=OuterRef("author"), district=OuterRef("district")
                )
            )
        )
        .exclude(Exists(Feedback.objects.filter(reflection=OuterRef("pk"))))
        .order_by("submitted_at")
    )
    return _lines(waiting[:AWAITING_SHOWN], "pk", "attribute__name", "submitted_at")


def section(request):
    user = request.user
    held = people.roles(user)
    district = people.primary_district(user)
    if district is None:
        return {}
    context = {
        "portrait_feedback": _feedback_for(user),
        "portrait_drafts": Reflection.objects.filter(
            author=user, status=Reflection.Status.DRAFT
        ).count(),
    }
    if Role.TEACHER in held:  # the prompts are shown to teachers only
        context["portrait_prompts"] = _prompts_to_answer(user, district)
    if Role.COACH in held:
        context["portrait_awaiting"] = _awaiting_feedback(user)
    return context

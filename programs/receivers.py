"""Programs' answers to signals from the apps it builds on (connected in apps.ready)."""

from django.urls import reverse

from programs.notify import notify


def notify_feedback_given(sender, feedback, **kwargs):
    """Tell a reflection's author, once per feedback, that a coach or admin responded.

    The email names who gave feedback and on which attribute, with a link; it carries
    neither the reflection's text nor the feedback's (the author reads both in the app).
    """
    reflection = feedback.reflection
    giver = feedback.author
    notify(
        kind="reflection.feedback",
        obj=reflection,
        period=f"feedback-{feedback.pk}",
        recipients=[reflection.author],
        subject=f"{giver} gave you feedback on your {reflection.attribute} reflection",
        template="feedback_given",
        context={"giver": giver, "reflection": reflection, "attribute": reflection.attribute},
        url=reverse("portrait:reflection_detail", args=[reflection.pk]),
    )

"""Asking first, before an action that emails people or cannot be undone.

The action's form posts to the action's own URL. A POST without `confirmed=yes` changes
nothing: the view calls `ask`, which shows what will happen and the name of everybody who
will be emailed, with a form that posts the same fields back together with `confirmed=yes`
and `told` (the ids of the people the page named). `confirmed` is true only while `told`
still matches the people who would be emailed now: when somebody applied or a nomination
moved in the meantime, the page is shown again, with a warning, instead of emailing
somebody the person never saw named.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

NOT_REPOSTED = {"csrfmiddlewaretoken", "confirmed", "told"}


def told_key(people):
    """The people a confirmation names, as posted back: their ids, sorted."""
    return ",".join(str(pk) for pk in sorted({person.pk for person in people}))


def confirmed(request, told=()):
    """Whether this POST confirms the action, naming exactly the people in `told`."""
    return request.POST.get("confirmed") == "yes" and request.POST.get("told", "") == (
        told_key(told)
    )


def ask(
    request,
    *,
    title,
    happens,
    button,
    back,
    groups=(),
    told=None,
    danger=False,
    check=None,
    template="confirm.html",
    **context,
):
    """The confirmation page: `title` (a question), `happens` (sentences), `groups` of
    people as (heading, people) with everybody who will be emailed, a `button` that does
    it and a link `back` that does nothing. `told` defaults to everybody in `groups`.

    `check()`, when given, raises the ValidationError the action would fail with: then the
    person goes `back` with its message instead of confirming what cannot be done."""
    if check is not None:
        try:
            check()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
    groups = [(heading, list(people)) for heading, people in groups if people]
    if told is None:
        told = [person for _, people in groups for person in people]
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in NOT_REPOSTED
        for value in values
    ]
    context.update(
        title=title,
        happens=happens,
        groups=groups,
        told=told_key(told),
        emailed=len({person.pk for person in told}),
        fields=fields,
        button=button,
        back=back,
        danger=danger,
        changed=request.POST.get("confirmed") == "yes",
    )
    return render(request, template, context)

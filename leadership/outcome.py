"""How an action view ends: what happened becomes a message, then a redirect.

Services refuse with a ValidationError (programs' ServiceError is one) whose sentences are
meant for the person; a refused form lists its problems. Either way nothing was saved, and
the person is sent back to the page they acted from.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def refused(request, form, to, *args, nothing="saved"):
    """The form did not validate: say every problem in one message, and go back."""
    problems = "; ".join(e for errors in form.errors.values() for e in errors)
    messages.error(request, f"Nothing was {nothing}: {problems}")
    return redirect(to, *args)


def carried_out(request, call, success, to, *args):
    """Run `call()`; its refusal (a ValidationError), or `success` (a text, or a function of
    what `call` returned), becomes the message; then go to `to`."""
    try:
        result = call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(to, *args)

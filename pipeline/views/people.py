"""A person's leadership profile (/people/<id>/), and the facts beside a decision about them.

An htmx request gets the fragment (the side panel a name opens on a wide screen), a plain
request the page. The decide pages of programs and opportunities sit below this app: they
load the facts from these URLs with htmx, and link to the profile without it.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leadership.access import request_ids
from pipeline import access, profile

MOST_FACTS = 100  # people on one request for facts (a page of applicants or nominations)


@require_GET
@login_required
def person_profile(request, person_id):
    standing = access.get_person_for_user(request.user, person_id)
    context = {
        "standing": standing,
        "person": standing.person,
        "roles": [m for m in standing.memberships if m.is_active],
        "seen_by": None,
    }
    if standing.is_self and request.GET.get("as") == "principal":
        context.update(_as_principal(request, standing))
    shown = context.pop("shown", standing)
    context["sections"] = profile.profile_sections(shown, seen_by=context["seen_by"])
    if request.htmx:  # the side panel: its own title is an h2
        context.update(in_panel=True, hn=2, hs=3)
        return render(request, "pipeline/_profile_panel.html", context)
    return render(request, "pipeline/profile.html", {**context, "hn": 1, "hs": 2})


def _as_principal(request, standing):
    """The person's own page as the principal of their school sees it: built with the
    principal's standing, never by signing in as them."""
    principals = profile.principals_of(standing)
    chosen = next((p for p in principals if str(p.pk) == request.GET.get("principal")), None)
    chosen = chosen or (principals[0] if principals else None)
    if chosen is None:
        return {"principals": [], "no_principal": True}
    return {
        "principals": principals,
        "principal": chosen,
        "seen_by": request.user,
        "shown": access.standings(chosen, [standing.person.pk])[standing.person.pk],
    }


@require_GET
@login_required
def person_facts(request, person_id):
    standing = access.get_person_for_user(request.user, person_id)
    facts = profile.decision_facts(request.user, standing.person)
    return _facts(request, [facts], asked=1)


@require_GET
@login_required
def people_facts(request):
    ids = request_ids(request.GET.getlist("people"))[:MOST_FACTS]
    facts = profile.decision_facts_for(request.user, ids)
    return _facts(request, list(facts.values()), asked=len(ids))


def _facts(request, facts, *, asked):
    context = {"facts": facts, "not_shown": asked - len(facts)}
    if request.htmx:
        return render(request, "pipeline/_decision_facts.html", context)
    return render(request, "pipeline/decision_facts.html", context)

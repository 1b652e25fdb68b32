"""Mentoring: offering to mentor, mentor suggestions for a person, matching a cohort."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leadership import access as people
from leadership.models import Mentorship
from pipeline.mentoring import access, matching, services
from pipeline.mentoring.forms import OfferForm, PairForm, RuleForm
from pipeline.mentoring.models import MentorOffer
from pipeline.plans.access import own_district
from programs.services import cohort_members


@login_required
def mentoring_home(request):
    user = request.user
    district = own_district(user)
    offer = MentorOffer.objects.filter(district=district, person=user).first()
    pairs = Mentorship.objects.current().filter(district=district)
    initial = {"capacity": offer.capacity, "note": offer.note} if offer else None
    return render(
        request,
        "pipeline/mentoring/home.html",
        {
            "offer": offer,
            "form": OfferForm(initial=initial),
            "mentors": pairs.filter(person=user).select_related("mentor"),
            "mentees": list(pairs.filter(mentor=user).select_related("person")),
            "is_admin": district.pk in people.admin_district_ids(user),
        },
    )


@login_required
@require_POST
def mentor_offer(request):
    user = request.user
    district = own_district(user)
    if request.POST.get("stop"):
        services.offer_withdraw(person=user, district=district)
        messages.success(request, "You no longer offer to mentor; your current pairs go on.")
        return redirect("pipeline:mentoring")
    form = OfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("pipeline:mentoring")
    try:
        services.offer_save(person=user, district=district, **form.cleaned_data)
    except services.MatchError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you: you are on the list of mentors.")
    return redirect("pipeline:mentoring")


@login_required
def mentor_suggest(request, person_id):
    person, district = access.get_person_for_matching(request.user, person_id)
    rule_form = RuleForm(request.GET or None)
    rule = rule_form.rule()
    pool = matching.mentors(district, request.user)
    need = matching.needs(district, [person])[person.pk]
    found, excluded = matching.suggest(pool, need, rule)
    return render(
        request,
        "pipeline/mentoring/suggest.html",
        {
            "person": person,
            "need": need,
            "suggestions": found,
            "excluded": excluded,
            "rule_form": rule_form if rule_form.is_bound else RuleForm(),
            "rule": rule,
            "current": Mentorship.objects.current()
            .filter(district=district, person=person)
            .select_related("mentor"),
        },
    )


@login_required
@require_POST
def mentor_pair(request, person_id):
    person, district = access.get_person_for_matching(request.user, person_id)
    form = PairForm(request.POST)
    back = reverse("pipeline:mentor_suggest", args=[person.pk])
    if not form.is_valid():
        messages.error(request, "Choose a mentor from the suggestions; nothing was changed.")
        return redirect(back)
    try:
        pair = services.mentorship_create(
            actor=request.user,
            district=district,
            mentor_id=form.cleaned_data["mentor"],
            person=person,
            rule=form.rule(),
        )
    except services.MatchError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(request, f"{pair.mentor} now mentors {person}; both are told.")
    return redirect(back)


@login_required
def cohort_match(request, cohort_id):
    """The proposed match of a whole cohort; confirming it makes the pairs."""
    cohort = access.get_cohort_for_matching(request.user, cohort_id)
    district = cohort.program.district
    form = RuleForm(request.POST or request.GET or None)
    rule = form.rule()
    if request.method == "POST":
        found = services.cohort_match_apply(
            actor=request.user, district=district, cohort=cohort, rule=rule
        )
        made = sum(m.suggestion is not None for m in found)
        messages.success(request, f"Paired {made} {'person' if made == 1 else 'people'}.")
        return redirect(reverse("pipeline:cohort_match", args=[cohort.pk]) + f"?school={rule}")
    pool = matching.mentors(district, request.user)
    found = matching.match_cohort(pool, matching.needs(district, cohort_members(cohort)), rule)
    return render(
        request,
        "pipeline/mentoring/cohort_match.html",
        {
            "cohort": cohort,
            "matches": found,
            "matched": [m for m in found if m.suggestion],
            "unmatched": [m for m in found if not m.suggestion],
            "rule_form": form if form.is_bound else RuleForm(),
            "rule": rule,
        },
    )

"""/coaching/: district admins decide which coach reads whose reflections;
/coaching/coaches/: the coach picker's suggestions there;
/coaching/people/: a coach's own list of the people assigned to them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from leadership import access as people
from leadership import picker
from leadership.links import each_link
from leadership.models import CoachAssignment, Role
from portrait import access, services
from portrait.forms import CoachAssignmentForm
from portrait.models import Reflection

PER_PAGE = 50


@login_required
def coaching(request):
    district = people.require_admin_district(request.user)
    form = CoachAssignmentForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            services.coach_assign(district=district, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            data = form.cleaned_data
            messages.success(request, f"{data['coach']} now coaches {data['person']}.")
            return redirect("portrait:coaching")
    assignments = (
        CoachAssignment.objects.filter(district=district)
        .select_related("coach", "person")
        .order_by("coach__full_name", "person__full_name", "pk")
    )
    page = Paginator(assignments, PER_PAGE).get_page(request.GET.get("page"))
    remove_url = each_link("portrait:coaching_remove")
    for assignment in page:
        assignment.remove_url = remove_url(assignment.pk)
    context = {"district": district, "form": form, "assignments": page, "page": page}
    return render(request, "portrait/coaching.html", context)


@login_required
def coach_search(request):
    """The coach picker's suggestions (leadership/picker.py): the coaches /coaching/ offers,
    those of the district the admin administers; 403 for everybody else."""
    district = people.require_admin_district(request.user)
    coaches = picker.labelled(access.district_coaches(district), picker.PERSON_LABEL)
    return picker.search_response(request, coaches, "coach")


@login_required
@require_POST
def coaching_remove(request, assignment_id):
    people.require_admin_district(request.user)
    assignment = access.get_assignment_for_user(request.user, assignment_id)
    services.coach_unassign(assignment=assignment, by=request.user)
    messages.success(request, f"{assignment.coach} no longer coaches {assignment.person}.")
    return redirect("portrait:coaching")


@login_required
@people.role_required(Role.COACH)
def coachee_list(request):
    assignments = list(
        access.coached_by(request.user)
        .select_related("person")
        .order_by("person__full_name", "person__email", "pk")
    )
    counts = {
        (row["author_id"], row["district_id"]): row
        for row in access.filter_visible_reflections(Reflection.objects.submitted(), request.user)
        .filter(author_id__in=[a.person_id for a in assignments])
        .values("author_id", "district_id")
        .annotate(
            submitted=Count("pk", distinct=True),
            waiting=Count("pk", filter=Q(feedback__isnull=True), distinct=True),
            last_at=Max("submitted_at"),
        )
    }
    for assignment in assignments:
        assignment.counts = counts.get((assignment.person_id, assignment.district_id), {})
    return render(request, "portrait/coachee_list.html", {"assignments": assignments})

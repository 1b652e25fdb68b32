"""Writing, reading and answering reflections."""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leadership import outcome
from portrait import access, services
from portrait.forms import (
    AddendumForm,
    AutosaveForm,
    CoachedFilterForm,
    FeedbackForm,
    ReflectionForm,
)
from portrait.models import Reflection

LIST_LIMIT = 100


@login_required
def reflection_list(request):
    mine = (
        Reflection.objects.filter(author=request.user)
        .select_related("attribute", "prompt")
        .annotate(feedback_count=Count("feedback"))
        .order_by("-updated_at")
    )
    context = {"mine": mine}
    coached_ids = access.coached_by(request.user).values("person")
    people = get_user_model().objects.filter(pk__in=coached_ids).order_by("full_name", "email")
    if people.exists():
        context.update(_coached(request, people, coached_ids))
    return render(request, "portrait/reflection_list.html", context)


def _coached(request, people, coached_ids):
    """The reflections of the people the user coaches, filtered by person and by waiting
    for feedback (a filter that is not valid is shown with its error and not applied)."""
    filters = CoachedFilterForm(request.GET or None, people=people)
    coached = (
        access.filter_visible_reflections(Reflection.objects.all(), request.user)
        .filter(author__in=coached_ids)
        .exclude(author=request.user)
        .select_related("author", "attribute")
        .annotate(feedback_count=Count("feedback"))
    )
    if filters.is_valid():
        if filters.cleaned_data["person"]:
            coached = coached.filter(author=filters.cleaned_data["person"])
        if filters.cleaned_data["waiting"]:
            coached = coached.filter(feedback_count=0)
    shown = list(coached.order_by("-submitted_at", "-pk")[: LIST_LIMIT + 1])
    return {
        "coached": shown[:LIST_LIMIT],
        "coached_more": len(shown) > LIST_LIMIT,
        "coached_filters": filters,
        "coached_filtered": filters.is_bound,
    }


def _prompt_from_query(request):
    try:
        prompt_id = int(request.GET.get("prompt", ""))
    except ValueError:
        raise Http404("Choose a prompt to reflect on.") from None
    return access.get_prompt_for_user(request.user, prompt_id)


def _save(request, form, prompt):
    """Save (and maybe submit) from a valid form; None with the form's errors otherwise."""
    data = form.cleaned_data
    try:
        reflection = services.reflection_save(
            author=request.user,
            prompt=prompt,
            key=data["key"],
            response=data["response"],
            self_rating=data["self_rating"],
            shared_with_principal=data["shared_with_principal"],
            evidence_file=data["evidence_file"],
            evidence_link=data["evidence_link"] or None,
            submit="submit" in request.POST,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    if reflection.status == Reflection.Status.SUBMITTED:
        messages.success(request, "Your reflection is submitted.")
        return redirect("portrait:reflection_detail", reflection_id=reflection.pk)
    messages.success(request, "Your draft is saved.")
    return redirect("portrait:reflection_edit", reflection_id=reflection.pk)


def _write_page(request, form, prompt, reflection=None):
    # Autosave: htmx posts the form's text fields a few seconds after typing stops.
    form.fields["response"].widget.attrs.update(
        {
            "hx-post": reverse("portrait:reflection_autosave"),
            "hx-trigger": "keyup changed delay:3s",
            "hx-target": "#autosave-status",
            "hx-include": "closest form",
            "hx-encoding": "application/x-www-form-urlencoded",
        }
    )
    context = {"form": form, "prompt": prompt, "reflection": reflection}
    return render(request, "portrait/reflection_form.html", context)


@login_required
def reflection_new(request):
    prompt = _prompt_from_query(request)
    if prompt.is_archived:
        messages.error(request, "That prompt has been archived; choose another one.")
        return redirect("portrait:attribute_detail", slug=prompt.attribute.slug)
    if request.method == "POST":
        form = ReflectionForm(request.POST, request.FILES)
        if form.is_valid() and (response := _save(request, form, prompt)):
            return response
        return _write_page(request, form, prompt)
    draft = Reflection.objects.filter(
        author=request.user, prompt=prompt, status=Reflection.Status.DRAFT
    ).first()
    if draft is not None:
        return redirect("portrait:reflection_edit", reflection_id=draft.pk)
    return _write_page(request, ReflectionForm(initial={"key": uuid.uuid4()}), prompt)


@login_required
def reflection_edit(request, reflection_id):
    reflection = access.get_reflection_for_user(request.user, reflection_id, write=True)
    if reflection.status == Reflection.Status.SUBMITTED:
        messages.info(request, "This reflection is submitted; you can add a dated note to it.")
        return redirect("portrait:reflection_detail", reflection_id=reflection.pk)
    if reflection.draft_key is None:
        reflection.draft_key = uuid.uuid4()
        reflection.save(update_fields=["draft_key"])
    if request.method == "POST":
        form = ReflectionForm(request.POST, request.FILES)
        if form.is_valid():
            form.cleaned_data["key"] = reflection.draft_key  # this page edits this draft only
            if response := _save(request, form, reflection.prompt):
                return response
        return _write_page(request, form, reflection.prompt, reflection)
    initial = {
        "key": reflection.draft_key,
        "response": reflection.response,
        "self_rating": reflection.self_rating,
        "evidence_link": reflection.evidence_link,
        "shared_with_principal": reflection.shared_with_principal,
    }
    return _write_page(request, ReflectionForm(initial=initial), reflection.prompt, reflection)


@login_required
@require_POST
def reflection_autosave(request):
    try:
        prompt = access.get_prompt_for_user(request.user, int(request.POST.get("prompt", "")))
    except ValueError:
        raise Http404("No such prompt.") from None
    form = AutosaveForm(request.POST)
    state = {"saved": False}
    if form.is_valid():
        try:
            reflection = services.reflection_save(
                author=request.user, prompt=prompt, **form.cleaned_data
            )
            state = {"saved": True, "reflection": reflection}
        except ValidationError as error:
            state["error"] = " ".join(error.messages)
    else:
        state["error"] = "Not saved yet: write a response of at most 20,000 characters."
    return render(request, "portrait/_autosave_status.html", state)


def _detail_context(request, reflection):
    context = {"reflection": reflection, "can_read": access.can_read_text(request.user, reflection)}
    if context["can_read"]:
        context["feedback"] = reflection.feedback.select_related("author")
        context["addenda"] = reflection.addenda.all()
        context["can_give_feedback"] = access.can_give_feedback(request.user, reflection)
        context["is_author"] = reflection.author_id == request.user.pk
    return context


@login_required
def reflection_detail(request, reflection_id):
    reflection = access.get_reflection_for_user(request.user, reflection_id)
    context = _detail_context(request, reflection)
    context["feedback_form"] = FeedbackForm()
    context["addendum_form"] = AddendumForm()
    return render(request, "portrait/reflection_detail.html", context)


@login_required
def reflection_evidence(request, reflection_id):
    reflection = access.get_reflection_for_user(request.user, reflection_id)
    if not access.can_read_text(request.user, reflection):
        raise PermissionDenied
    if not reflection.evidence_file:
        raise Http404("This reflection has no evidence file.")
    name = reflection.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(reflection.evidence_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def reflection_share(request, reflection_id):
    reflection = access.get_reflection_for_user(request.user, reflection_id, write=True)
    shared = request.POST.get("shared") == "yes"
    services.reflection_share(reflection=reflection, shared=shared)
    if shared:
        messages.success(request, "Your principal can now read this reflection.")
    else:
        messages.success(request, "Your principal can no longer read this reflection.")
    return redirect("portrait:reflection_detail", reflection_id=reflection.pk)


@login_required
@require_POST
def addendum_add(request, reflection_id):
    reflection = access.get_reflection_for_user(request.user, reflection_id, write=True)
    form = AddendumForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Write the note before adding it (at most 20,000 characters).")
        services.addendum_add(
            reflection=reflection, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, "Your note is added.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("portrait:reflection_detail", reflection_id=reflection.pk)


@login_required
@require_POST
def feedback_add(request, reflection_id):
    reflection = access.get_reflection_for_feedback(request.user, reflection_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.feedback_give(reflection=reflection, author=request.user, **form.cleaned_data)
        form = FeedbackForm()
        if not request.htmx:
            messages.success(request, "Your feedback is sent.")
            return redirect("portrait:reflection_detail", reflection_id=reflection.pk)
    elif not request.htmx:
        return outcome.refused(request, form, "portrait:reflection_detail", reflection.pk)
    context = _detail_context(request, reflection)
    context["feedback_form"] = form
    return render(request, "portrait/_feedback.html", context)

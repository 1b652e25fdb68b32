"""The framework pages: the five attributes at a glance, one attribute, and its editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from leadership import access as people
from leadership import confirm, outcome
from leadership.audit import audit_log
from portrait import access, services, uses
from portrait.forms import (
    AttributeForm,
    DescriptorsForm,
    ExampleForm,
    FrameworkForm,
    PromptForm,
    ResourceForm,
)
from portrait.models import Level, LevelDescriptor, Resource

LEVELS = list(Level.values)
RESTORE = "Nothing is deleted and nobody is emailed; you can restore it at any time."


def user_framework(user):
    """The current framework of the district the user's pages show (404 without one)."""
    district = people.primary_district(user)
    if district is None:
        raise Http404("You are not part of a district.")
    return services.framework_for_district(district)


def is_framework_admin(user, framework):
    return framework.district_id in people.admin_district_ids(user)


@login_required
def portrait_index(request):
    framework = user_framework(request.user)
    can_edit = is_framework_admin(request.user, framework)
    resources = Resource.objects.filter(framework=framework, attribute=None)
    if not can_edit:
        resources = resources.filter(is_archived=False)
    context = {
        "framework": framework,
        "attributes": framework.attributes.all(),
        "resources": resources,
        "can_edit": can_edit,
    }
    return render(request, "portrait/index.html", context)


@login_required
def framework_edit(request):
    framework = user_framework(request.user)
    if not is_framework_admin(request.user, framework):
        raise PermissionDenied
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            audit_log(
                district=framework.district,
                actor=request.user,
                action="framework.edit",
                obj=framework,
                summary=f"{request.user} edited the framework's name and description",
            )
        messages.success(request, "The framework is saved.")
        return redirect("portrait:index")
    return render(request, "portrait/framework_edit.html", {"form": form})


@login_required
def attribute_detail(request, slug):
    framework = user_framework(request.user)
    attribute = access.get_attribute_for_user(request.user, framework, slug)
    can_edit = is_framework_admin(request.user, framework)
    prompts = attribute.prompts.all() if can_edit else attribute.prompts.active()
    examples = (
        attribute.examples.all() if can_edit else attribute.examples.filter(is_archived=False)
    )
    resources = Resource.objects.filter(framework=framework, attribute=attribute)
    if not can_edit:
        resources = resources.filter(is_archived=False)
    context = {
        "framework": framework,
        "attribute": attribute,
        "descriptors": sorted(attribute.descriptors.all(), key=lambda d: LEVELS.index(d.level)),
        "prompts": prompts,
        "examples": examples,
        "resources": resources,
        "can_edit": can_edit,
        "prompt_form": PromptForm(),
        "example_form": ExampleForm(),
        "resource_form": ResourceForm(),
    }
    return render(request, "portrait/attribute.html", context)


@login_required
def attribute_edit(request, slug):
    framework = user_framework(request.user)
    attribute = access.get_attribute_for_user(request.user, framework, slug, write=True)
    current = {d.level: d.text for d in attribute.descriptors.all()}
    form = AttributeForm(request.POST or None, instance=attribute)
    descriptors = DescriptorsForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid() and descriptors.is_valid():
        with transaction.atomic():
            form.save()
            for level in Level.values:
                LevelDescriptor.objects.update_or_create(
                    attribute=attribute,
                    level=level,
                    defaults={"text": descriptors.cleaned_data[level]},
                )
            audit_log(
                district=framework.district,
                actor=request.user,
                action="attribute.edit",
                obj=attribute,
                summary=f"{request.user} edited {attribute}",
            )
        messages.success(request, f"{attribute.name} is saved.")
        return redirect("portrait:attribute_detail", slug=attribute.slug)
    context = {"attribute": attribute, "form": form, "descriptors_form": descriptors}
    return render(request, "portrait/attribute_edit.html", context)


@login_required
@require_POST
def prompt_add(request, slug):
    framework = user_framework(request.user)
    attribute = access.get_attribute_for_user(request.user, framework, slug, write=True)
    form = PromptForm(request.POST)
    if form.is_valid():
        services.prompt_add(by=request.user, attribute=attribute, **form.cleaned_data)
        messages.success(request, "The prompt is added.")
    else:
        return outcome.refused(request, form, "portrait:attribute_detail", attribute.slug)
    return redirect("portrait:attribute_detail", slug=attribute.slug)


@login_required
@require_POST
def prompt_archive(request, prompt_id):
    prompt = access.get_prompt_for_user(request.user, prompt_id, write=True)
    archived = request.POST.get("archived") == "yes"
    if archived and not confirm.confirmed(request):
        return confirm.ask(
            request,
            title="Archive this prompt?",
            happens=[f"“{prompt.text}”", *uses.prompt_uses(prompt), RESTORE],
            button="Archive the prompt",
            back=reverse("portrait:attribute_detail", args=[prompt.attribute.slug]),
        )
    services.prompt_archive(prompt=prompt, archived=archived, by=request.user)
    if archived:
        messages.success(
            request,
            "The prompt is archived; reflections written on it stay readable. "
            "Restore it below if you change your mind.",
        )
    else:
        messages.success(request, "The prompt is back in use.")
    return redirect("portrait:attribute_detail", slug=prompt.attribute.slug)


@login_required
@require_POST
def prompt_move(request, prompt_id):
    prompt = access.get_prompt_for_user(request.user, prompt_id, write=True)
    services.prompt_move(prompt=prompt, up=request.POST.get("direction") == "up")
    return redirect("portrait:attribute_detail", slug=prompt.attribute.slug)


@login_required
@require_POST
def example_add(request, slug):
    framework = user_framework(request.user)
    attribute = access.get_attribute_for_user(request.user, framework, slug, write=True)
    form = ExampleForm(request.POST)
    if form.is_valid():
        services.example_add(attribute=attribute, by=request.user, **form.cleaned_data)
        messages.success(request, "The example is added.")
    else:
        return outcome.refused(request, form, "portrait:attribute_detail", attribute.slug)
    return redirect("portrait:attribute_detail", slug=attribute.slug)


@login_required
@require_POST
def example_archive(request, example_id):
    example = access.get_example_for_user(request.user, example_id, write=True)
    attribute = example.attributes.first()
    back = reverse("portrait:attribute_detail", args=[attribute.slug]) if attribute else None
    return _archive_or_restore(request, example, f"the example “{example.title}”", back)


@login_required
@require_POST
def resource_add(request, slug):
    framework = user_framework(request.user)
    attribute = access.get_attribute_for_user(request.user, framework, slug, write=True)
    form = ResourceForm(request.POST)
    if form.is_valid():
        services.resource_add(attribute=attribute, by=request.user, **form.cleaned_data)
        messages.success(request, "The resource is added.")
    else:
        return outcome.refused(request, form, "portrait:attribute_detail", attribute.slug)
    return redirect("portrait:attribute_detail", slug=attribute.slug)


@login_required
@require_POST
def resource_archive(request, resource_id):
    resource = access.get_resource_for_user(request.user, resource_id, write=True)
    attribute = resource.attribute
    back = reverse("portrait:attribute_detail", args=[attribute.slug]) if attribute else None
    return _archive_or_restore(request, resource, f"the resource “{resource.title}”", back)


def _archive_or_restore(request, item, what, back):
    """Archive an example or a resource once the admin confirms; restore it at once."""
    back = back or reverse("portrait:index")
    archived = request.POST.get("archived") == "yes"
    if archived and not confirm.confirmed(request):
        return confirm.ask(
            request,
            title=f"Archive {what}?",
            happens=["Only the district's administrators see it from now on.", RESTORE],
            button="Archive it",
            back=back,
        )
    services.item_archive(item=item, archived=archived, by=request.user)
    if archived:
        messages.success(request, f"Archived {what}. Restore it below if you change your mind.")
    else:
        messages.success(request, f"Restored {what}; everybody sees it again.")
    return redirect(back)

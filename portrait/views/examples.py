"""District admins edit a leadership example or a resource in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from portrait import access, services
from portrait.forms import ExampleEditForm, ResourceEditForm


def _back_to(attribute):
    """The attribute page an item is shown on, or the framework page for the whole Portrait."""
    if attribute is None:
        return redirect("portrait:index")
    return redirect("portrait:attribute_detail", slug=attribute.slug)


@login_required
def example_edit(request, example_id):
    example = access.get_example_for_user(request.user, example_id, write=True)
    shown_on = example.attributes.first()
    form = ExampleEditForm(request.POST or None, instance=example)
    if request.method == "POST" and form.is_valid():
        try:
            example = services.example_edit(example=example, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The example “{example.title}” is saved.")
            return _back_to(example.attributes.first())
    context = {"form": form, "example": example, "shown_on": shown_on}
    return render(request, "portrait/example_edit.html", context)


@login_required
def resource_edit(request, resource_id):
    resource = access.get_resource_for_user(request.user, resource_id, write=True)
    shown_on = resource.attribute
    form = ResourceEditForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_edit(
                resource=resource, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The resource “{resource.title}” is saved.")
            return _back_to(resource.attribute)
    context = {"form": form, "resource": resource, "shown_on": shown_on}
    return render(request, "portrait/resource_edit.html", context)

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from leadership import access
from portrait import access as portrait_access
from portrait.case import MAX_BYTES, CaseError, export_json, import_package
from portrait.models import Framework


class CaseImportForm(forms.Form):
    file = forms.FileField(
        label="CASE package (.json)",
        help_text=(
            "A framework exported from Deep Bench or another CASE 1.0 or 1.1 tool. Up to 5 MB."
        ),
    )
    make_current = forms.BooleanField(
        label="Make it the framework everybody in the district uses", required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return upload


@require_http_methods(["GET", "POST"])
@login_required
def framework_case(request):
    district = access.require_admin_district(request.user)
    form = CaseImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            framework = import_package(
                form.cleaned_data["file"].read(),
                district=district,
                actor=request.user,
                make_current=form.cleaned_data["make_current"],
            )
        except CaseError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, f"Imported {framework.name}.")
            return redirect("portrait:framework_case")
    frameworks = Framework.objects.filter(district=district)
    return render(
        request,
        "portrait/framework_case.html",
        {"district": district, "frameworks": frameworks, "form": form},
    )


@require_GET
@login_required
def framework_case_export(request, framework_id):
    access.require_admin_district(request.user)
    framework = portrait_access.get_framework_for_user(request.user, framework_id, write=True)
    response = HttpResponse(
        export_json(framework, actor=request.user), content_type="application/json"
    )
    name = slugify(framework.name) or "framework"
    response["Content-Disposition"] = f'attachment; filename="{name}-case.json"'
    return response

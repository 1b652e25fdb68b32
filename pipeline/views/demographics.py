from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pipeline.forms import DemographicsForm
from pipeline.models import Demographics


@require_http_methods(["GET", "POST"])
@login_required
def demographics_edit(request):
    mine = Demographics.objects.filter(user=request.user).first() or Demographics(user=request.user)
    form = DemographicsForm(request.POST or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, "Thank you. Your answers are saved; you can change them any time."
        )
        return redirect("pipeline:demographics")
    return render(request, "pipeline/demographics.html", {"form": form})

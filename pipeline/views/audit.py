from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leadership import access
from leadership.models import AuditEvent
from pipeline.filters import AuditEventFilter


@require_GET
@login_required
def audit_list(request):
    district = access.require_admin_district(request.user)
    events = AuditEvent.objects.filter(district=district)
    actions = events.order_by("action").values_list("action", flat=True).distinct()
    found = AuditEventFilter(
        request.GET, queryset=events.select_related("actor"), actions=list(actions)
    )
    page = Paginator(found.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "pipeline/audit_list.html",
        {"district": district, "filter": found, "page": page, "query": query.urlencode()},
    )

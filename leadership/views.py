import sys

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from leadership import access, home
from leadership.celery import app as celery_app
from leadership.middleware import database_down, database_down_page, static_page
from leadership.models import Role


@login_required
def home_page(request):
    held = access.roles(request.user)
    context = {
        "memberships": access.memberships(request.user),
        "is_admin": Role.DISTRICT_ADMIN in held,
        "is_principal": Role.PRINCIPAL in held,
        "is_teacher": Role.TEACHER in held,
        "is_coach": Role.COACH in held,
    }
    context.update(home.context(request))
    return render(request, "leadership/home.html", context)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@require_GET
@never_cache
def healthz(request):
    state = {"database": _database_ok(), "broker": _broker_ok()}
    body = {name: "ok" if ok else "unavailable" for name, ok in state.items()}
    body["status"] = "ok" if all(state.values()) else "degraded"
    return JsonResponse(body, status=200 if all(state.values()) else 503)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    """Needs no database: the page is rendered without the request's context processors,
    and an unreachable database gets the 503 page with Retry-After instead."""
    if database_down(sys.exc_info()[1]):
        return database_down_page()
    return static_page("500.html", 500)

"""What every endpoint shares: the request log, cursor pages, `updated_since`, and the
token's district as the only place anything is read from."""

import datetime
import time

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import exceptions, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import CursorPagination
from rest_framework.views import APIView

from api.auth import token_of
from api.models import ApiRequest, ApiToken

LAST_USE_STEP = datetime.timedelta(minutes=1)


class Logged:
    """Writes one ApiRequest row per request (token, method, path, status, time) and the
    token's last use (to the minute): two statements per request, whatever it returned."""

    def initial(self, request, *args, **kwargs):
        request._api_started = time.monotonic()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = token_of(request)
        started = getattr(request, "_api_started", None)
        elapsed = int((time.monotonic() - started) * 1000) if started else 0
        now = timezone.now()
        ApiRequest.objects.create(
            token=token,
            at=now,
            method=request.method[:10],
            path=request.get_full_path()[:300],
            status=response.status_code,
            duration_ms=elapsed,
        )
        if token is not None:
            # At most one write a minute: a sync of 300 pages moves it 1 time, not 300.
            stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_STEP)
            ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)
        return response

    @property
    def district(self):
        """The token's district (None without a token: the OpenAPI generator's request)."""
        token = token_of(self.request) if getattr(self, "request", None) else None
        return token.district if token else None


class Page(CursorPagination):
    """Cursor pages in id order: stable while rows are added, and as fast at the last page
    of 150,000 as at the first (an index range scan, never an OFFSET)."""

    ordering = "id"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    invalid_cursor_message = "This cursor is not one the API gave out. Start again without it."


def parse_moment(value):
    """An ISO 8601 date or date-time; a date means its midnight, a naive time the site's
    time zone. None when it is neither."""
    moment = parse_datetime(value) if "T" in value or " " in value else None
    if moment is None:
        day = parse_date(value) if len(value) == 10 else None
        if day is None:
            return None
        moment = timezone.datetime(day.year, day.month, day.day)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # In UTC: PostgreSQL refuses offsets beyond 15:59 that ISO 8601 and Python allow
    # (-20:33), and a moment outside the years 1 to 9999 in UTC is an OverflowError.
    return moment.astimezone(datetime.UTC)


class UpdatedSince(BaseFilterBackend):
    """`?updated_since=2026-11-30T00:00:00Z`: only rows changed at or after that moment
    (the view's `updated_field`), so a nightly job fetches only what changed."""

    def filter_queryset(self, request, queryset, view):
        value = request.query_params.get("updated_since")
        if value is None:
            return queryset
        try:
            moment = parse_moment(value.strip())
        except (ValueError, OverflowError):
            moment = None
        if moment is None:
            raise exceptions.ValidationError(
                {
                    "updated_since": [
                        "Give a date or a date and time in ISO 8601, such as 2026-11-30 or "
                        "2026-11-30T18:00:00Z."
                    ]
                }
            )
        return view.changed_since(queryset, moment)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "updated_since",
                "in": "query",
                "required": False,
                "description": (
                    "Only rows changed at or after this moment (ISO 8601; a date alone means "
                    "its midnight, a time without offset the district's time zone)."
                ),
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


class ReadOnly(Logged, viewsets.ReadOnlyModelViewSet):
    """A collection of the token's district: `district_filter` is the lookup from the model
    to its district; `updated_field` what `updated_since` compares."""

    pagination_class = Page
    filter_backends = [UpdatedSince]
    lookup_value_regex = "[0-9]+"
    district_filter = "district"
    updated_field = "updated_at"

    def base_queryset(self):
        return self.queryset

    def get_queryset(self):
        return self.base_queryset().filter(**{self.district_filter: self.district})

    def changed_since(self, queryset, moment):
        return queryset.filter(**{f"{self.updated_field}__gte": moment})


class LoggedView(Logged, APIView):
    pass

"""The only ways from a request's id to a candidate or a roster import."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from leadership.access import (
    admin_district_ids,
    district_ids,
    get_in_districts,
    principal_school_ids,
)
from pipeline.models import Candidate, ImportRun


def get_candidate_for_user(user, candidate_id, *, write=False):
    """A candidate in the user's districts.

    District admins read and write; a principal reads the candidates of their own school;
    anybody else in the district gets 403, and anybody outside it 404.
    """
    candidate = (
        Candidate.objects.filter(pk=candidate_id, district_id__in=district_ids(user))
        .select_related("user", "school", "district", "sponsor", "readiness_set_by")
        .first()
    )
    if candidate is None:
        raise Http404("No such candidate.")
    if candidate.district_id in admin_district_ids(user):
        return candidate
    if not write and candidate.school_id and candidate.school_id in principal_school_ids(user):
        return candidate
    raise PermissionDenied


def get_import_run_for_user(user, run_id):
    """A roster import of the user's district (404 otherwise); only district admins (403)."""
    # The stored file is only read by the task; who it deactivates only by the run's page.
    runs = ImportRun.objects.defer("content", "deactivating")
    return get_in_districts(user, runs, run_id, what="import", write=True)

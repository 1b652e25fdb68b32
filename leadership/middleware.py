"""What the site answers when a request cannot be read or the database cannot be reached:
a page of its own with a message, never a bare error from Django or gunicorn."""

import logging

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)

# Django reads at most 1 KB of headers per part of an upload: a longer file name cannot be
# read at all. Real file names stop at 255 bytes; only a made-up request gets here.
NAME_TOO_LONG = (
    "The upload could not be read: its file name is too long. A file name can be at most "
    "255 characters; rename the file and upload it again."
)
UNREADABLE = {
    RequestDataTooBig: (
        "What you sent could not be read: a form can hold at most 2.5 MB of text "
        "(files not counted). Nothing was saved."
    ),
    TooManyFieldsSent: "What you sent has too many fields to be read. Nothing was saved.",
    TooManyFilesSent: "What you sent has too many files to be read. Nothing was saved.",
    MultiPartParserError: "The upload could not be read. Nothing was saved; please try again.",
}


# Every form of the site posts one of these; Django reads nothing else into request.POST,
# so a view would take any other body (JSON, XML) for an empty form, or for no form at all.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "")
NOT_A_FORM = "What you sent is not a form Deep Bench can read. Nothing was saved."


# The API (api/) reads JSON, not forms, and answers in JSON itself.
NOT_FORMS = ("/api/v1/", "/ims/case/")


class NotAForm(Exception):
    pass


def _message(error):
    if isinstance(error, NotAForm):
        return NOT_A_FORM
    if isinstance(error, MultiPartParserError) and "header size" in str(error):
        return NAME_TOO_LONG
    return next(text for kind, text in UNREADABLE.items() if isinstance(error, kind))


def _back(request):
    """The page the form was on when the browser says so, else this address."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()


class UnreadableRequestMiddleware:
    """Reads a POST's body before any view does (CSRF would read it next): a body Django
    refuses (a part header over 1 KB, more fields or files than allowed, more text than
    DATA_UPLOAD_MAX_MEMORY_SIZE) or one that is not a form at all goes back to its page
    with a message, nothing written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not request.path.startswith(NOT_FORMS):
            try:
                if request.content_type not in FORM_TYPES:
                    raise NotAForm
                request.POST  # noqa: B018 -- parses the body now
            except (NotAForm, *UNREADABLE) as error:
                return self.refuse(request, error)
        return self.get_response(request)

    def refuse(self, request, error):
        message = _message(error)
        if request.headers.get("HX-Request"):
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, message)
        return HttpResponseRedirect(_back(request), status=303)


# What the database driver raises when the database cannot be reached, among other things.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_down(error):
    """Whether `error` means the database cannot be reached: a fresh connection is tried,
    because the same errors also mean a bad query (SQLite's "LIKE pattern too complex")."""
    if not isinstance(error, DATABASE_ERRORS):
        return False
    probe = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS:
        return True
    finally:
        probe.close()
    return False


def static_page(template_name, status):
    """A page rendered without the request: no context processor runs, so nothing queries
    the database (the navigation's context processor reads the person's roles)."""
    return HttpResponse(loader.get_template(template_name).render(), status=status)


def database_down_page():
    response = static_page("503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseDownMiddleware:
    """A view that cannot reach the database answers 503 with Retry-After and the site's
    own page. (An error in another middleware, such as loading the session, reaches
    handler500, leadership.views.error_500, which answers the same.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_down(exception):
            logger.error("The database is unavailable: %s", exception)
            return database_down_page()
        return None

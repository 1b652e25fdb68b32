"""Requests Django cannot read answer with a message on a page, not a bare error."""

from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.utils.http import url_has_allowed_host_and_scheme

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


def _message(error):
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
    DATA_UPLOAD_MAX_MEMORY_SIZE) goes back to its page with a message, nothing written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 -- parses the body now
            except tuple(UNREADABLE) as error:
                return self.refuse(request, error)
        return self.get_response(request)

    def refuse(self, request, error):
        message = _message(error)
        if request.headers.get("HX-Request"):
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, message)
        return HttpResponseRedirect(_back(request), status=303)

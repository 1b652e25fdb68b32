from django.contrib.auth import SESSION_KEY


def end_refused_sessions(get_response):
    """A session whose person may no longer sign in (backends.PersonBackend.get_user gave
    nobody) is emptied, so that the roster turning them back on does not revive it."""

    def middleware(request):
        if SESSION_KEY in request.session and not request.user.is_authenticated:
            request.session.flush()
        return get_response(request)

    return middleware

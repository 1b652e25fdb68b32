"""pipeline/drawn.py: a kept drawing is shared by its viewers; its forms carry each one's token."""

from django.middleware.csrf import CsrfViewMiddleware
from django.template import Context, Template

from pipeline import drawn

FORM = Template('<form method="post">{% csrf_token %}<button>Open</button></form>')


def _token(body):
    return body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def _accepted(rf, token, visit):
    """Would a POST carrying `token` from the browser of `visit` pass the CSRF check?"""
    post = rf.post("/", {"csrfmiddlewaretoken": token})
    post.COOKIES["csrftoken"] = visit.META["CSRF_COOKIE"]
    return CsrfViewMiddleware(lambda request: None).process_view(post, None, (), {}) is None


def test_it_puts_each_requests_own_token_in_the_one_kept_drawing(rf):
    drew = []

    def draw():
        drew.append(1)
        return FORM.render(Context({"csrf_token": drawn.CSRF_SLOT}))

    first, second = rf.get("/"), rf.get("/")
    bodies = [drawn.kept("pipeline:drawn:test", draw, request=r) for r in (first, second)]
    assert len(drew) == 1  # the second came from the cache
    assert all(drawn.CSRF_SLOT not in body for body in bodies)
    tokens = [_token(body) for body in bodies]
    assert _accepted(rf, tokens[0], first) and _accepted(rf, tokens[1], second)
    assert not _accepted(rf, tokens[0], second) and not _accepted(rf, tokens[1], first)


def test_it_puts_the_token_in_when_the_cache_does_not_answer(rf, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    request = rf.get("/")
    body = drawn.kept(
        "pipeline:drawn:test",
        lambda: FORM.render(Context({"csrf_token": drawn.CSRF_SLOT})),
        request=request,
    )
    assert drawn.CSRF_SLOT not in body
    assert _accepted(rf, _token(body), request)

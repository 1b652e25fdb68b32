"""The site's URLs plus the floor: a signed-in page that does nothing, through the same
middleware and the same base template as every page. Only `make bench` serves it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from leadership.urls import handler403, handler404, handler500
from leadership.urls import urlpatterns as site

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]

FLOOR_PATH = "/bench/floor/"


@login_required
def floor(request):
    return render(request, "base.html", {})


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor), *site]

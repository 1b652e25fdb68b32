"""The role-aware home page is assembled from sections that each app contributes.

Each entry names a function `section(request) -> dict | None`; a dict is merged into the
home page's context, and each app's `_home.html` fragment renders its part.
"""

from django.utils.module_loading import import_string

SECTIONS = [
    "portrait.home.section",
    "programs.home.section",
    "opportunities.home.section",
]


def context(request):
    merged = {}
    for path in SECTIONS:
        merged.update(import_string(path)(request) or {})
    return merged

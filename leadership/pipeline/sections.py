"""The pipeline's own sections for other apps' data (see hooks.py).

They read programs and portrait only through those apps' models and access helpers, and
show nothing when those apps have nothing to offer yet.
"""


def dashboard_programs(request, district, schools):
    return None


def candidate_programs(request, candidate):
    return None


def candidate_reflections(request, candidate):
    return None


def program_filter(district, schools):
    return None

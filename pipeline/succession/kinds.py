"""The kinds of position a district starts with (its own module: the roster import uses it
too, and must not import the services)."""

from pipeline.succession.models import DEFAULT_KINDS, PositionKind


def kinds_ensure_defaults(*, district):
    """Give a district the built-in kinds of position the first time it needs them."""
    if PositionKind.objects.filter(district=district).exists():
        return
    for order, (key, name, level, aims) in enumerate(DEFAULT_KINDS):
        PositionKind.objects.get_or_create(
            district=district,
            key=key,
            defaults={"name": name, "level": level, "aims": aims, "order": order},
        )

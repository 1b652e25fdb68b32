"""Keeps `updated_at` true, so that `updated_since` misses no change.

`auto_now` is written only when a save writes every field: a save that names its fields
(`save(update_fields=[...])`, as most services do) leaves it behind. After such a save,
this moves it on in one UPDATE. A slate moves on when one of its entries is added, changed
or removed. Connected in api/apps.py; bulk writes (the roster import) stamp themselves.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from pipeline.succession.models import Slate, SlateEntry


def _stamp_named_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not update_fields or "updated_at" in update_fields:
        return
    now = timezone.now()
    sender._base_manager.filter(pk=instance.pk).update(updated_at=now)
    instance.updated_at = now


def _stamp_slate(sender, instance, raw=False, **kwargs):
    if raw:
        return
    Slate.objects.filter(pk=instance.slate_id).update(updated_at=timezone.now())


def stamped_models():
    """Every model of ours with an `updated_at` that moves by itself (auto_now)."""
    for model in apps.get_models():
        field = next((f for f in model._meta.concrete_fields if f.name == "updated_at"), None)
        if field is not None and getattr(field, "auto_now", False):
            yield model


def connect():
    for model in stamped_models():
        post_save.connect(
            _stamp_named_save, sender=model, dispatch_uid=f"api.stamp.{model._meta.label}"
        )
    post_save.connect(_stamp_slate, sender=SlateEntry, dispatch_uid="api.stamp.slate_entry")
    post_delete.connect(_stamp_slate, sender=SlateEntry, dispatch_uid="api.stamp.slate_entry_gone")

"""Workflows of the portrait app: the district's framework copy, reflections, feedback.

Each service is atomic, checks first (raising ValidationError with a message for a
person), writes, and records what matters in the audit log.
"""

import functools

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from leadership.audit import audit_log
from leadership.models import CoachAssignment, District
from notices.notify import notify
from portrait import default_framework as default
from portrait.models import (
    Addendum,
    Attribute,
    Feedback,
    Framework,
    LeadershipExample,
    LevelDescriptor,
    Reflection,
    ReflectionPrompt,
    Resource,
)

RESPONSE_MAX_CHARS = 20_000


def framework_for_district(district):
    """The district's current framework, copied from the default the first time it is asked for."""
    found = Framework.objects.filter(district=district, is_current=True).first()
    return found or framework_copy_default(district=district)


def framework_copy_default(*, district):
    """Give `district` its own copy of the default framework. Idempotent.

    A district that already has a current framework keeps it untouched.
    """
    try:
        with transaction.atomic():
            # Serialise concurrent first visits on the district row.
            District.objects.select_for_update().filter(pk=district.pk).first()
            existing = Framework.objects.filter(district=district, is_current=True).first()
            if existing is not None:
                return existing
            return _copy_default(district)
    except IntegrityError:  # another request made it first (one current per district)
        return Framework.objects.get(district=district, is_current=True)


def _copy_default(district):
    framework = Framework.objects.create(
        district=district, name=default.NAME, description=default.DESCRIPTION
    )
    by_slug = {}
    descriptors, prompts = [], []
    for order, spec in enumerate(default.ATTRIBUTES, start=1):
        attribute = Attribute.objects.create(
            framework=framework,
            name=spec["name"],
            slug=spec["slug"],
            summary=spec["summary"],
            description=spec["description"],
            order=order,
        )
        by_slug[spec["slug"]] = attribute
        descriptors += [
            LevelDescriptor(attribute=attribute, level=level, text=text)
            for level, text in spec["descriptors"].items()
        ]
        prompts += [
            ReflectionPrompt(attribute=attribute, level=level, text=text, order=i)
            for i, (level, text) in enumerate(spec["prompts"], start=1)
        ]
        for title, level, story in spec["examples"]:
            example = LeadershipExample.objects.create(
                framework=framework, title=title, level=level, story=story
            )
            example.attributes.add(attribute)
    LevelDescriptor.objects.bulk_create(descriptors)
    ReflectionPrompt.objects.bulk_create(prompts)
    Resource.objects.bulk_create(
        Resource(framework=framework, attribute=by_slug.get(slug), title=title, note=note)
        for slug, title, note in default.RESOURCES
    )
    return framework


def _check_response(response):
    if not response.strip():
        raise ValidationError("Write a response before saving.")
    if len(response) > RESPONSE_MAX_CHARS:
        raise ValidationError(
            f"A response can be at most {RESPONSE_MAX_CHARS:,} characters; "
            f"this one has {len(response):,}."
        )


def reflection_save(
    *,
    author,
    prompt,
    key,
    response,
    self_rating=None,
    shared_with_principal=False,
    evidence_file=None,
    evidence_link=None,
    submit=False,
):
    """Create or update the author's draft; submit it when asked.

    The draft is the one `key` reached before, else the author's draft on this prompt: a
    person has one draft per prompt (a database constraint holds it), so a repeated request
    (a double click, a retried autosave, a second tab with a key of its own) never makes a
    second one. A save that submits at once with a new key (a reflection written on the
    leadership record) is a reflection of its own and leaves the person's draft alone.
    Once submitted, a reflection is not changed again: the call returns it as it is.
    """
    _check_response(response)
    save = functools.partial(
        _save,
        author=author,
        prompt=prompt,
        key=key,
        response=response,
        self_rating=self_rating,
        shared_with_principal=shared_with_principal,
        evidence_file=evidence_file,
        evidence_link=evidence_link,
        submit=submit,
    )
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        pass  # a simultaneous request made the draft first: this one saves into it
    with transaction.atomic():
        if Reflection.objects.filter(draft_key=key).exclude(author=author).exists():
            raise ValidationError("This draft could not be found; start a new one.")
        return save()


def _save(*, author, prompt, key, submit, evidence_file, evidence_link, **texts):
    mine = Reflection.objects.select_for_update().filter(author=author)
    reflection = mine.filter(draft_key=key).first()
    if reflection is None and not submit:
        reflection = mine.filter(prompt=prompt, status=Reflection.Status.DRAFT).first()
    if reflection is None:
        if prompt.is_archived:
            raise ValidationError("This prompt has been archived; choose another one.")
        reflection = Reflection(
            district=prompt.attribute.framework.district,
            author=author,
            prompt=prompt,
            attribute=prompt.attribute,
            draft_key=key,
        )
    if reflection.status == Reflection.Status.SUBMITTED:
        return reflection
    for name, value in texts.items():  # response, self_rating, shared_with_principal
        setattr(reflection, name, value)
    if evidence_file is not None:
        reflection.evidence_file = evidence_file
    if evidence_link is not None:
        reflection.evidence_link = evidence_link
    if submit:
        _mark_submitted(reflection)
    reflection.save()
    if submit:
        _audit_submitted(reflection, by=author)
    return reflection


def _mark_submitted(reflection):
    _check_response(reflection.response)
    if reflection.self_rating is None:
        raise ValidationError("Choose where you are on the growth scale before submitting.")
    reflection.status = Reflection.Status.SUBMITTED
    reflection.submitted_at = timezone.now()


def _audit_submitted(reflection, *, by):
    audit_log(
        district=reflection.district,
        actor=by,
        action="reflection.submit",
        obj=reflection,
        summary=f"{by} submitted a reflection on {reflection.attribute}",
    )


def reflection_submit(*, reflection, by):
    """Submit a draft: it becomes read-only to its author. Submitting twice is a no-op."""
    with transaction.atomic():
        locked = Reflection.objects.select_for_update().get(pk=reflection.pk)
        if locked.status == Reflection.Status.SUBMITTED:
            reflection.status, reflection.submitted_at = locked.status, locked.submitted_at
            return reflection
        _mark_submitted(locked)
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        _audit_submitted(locked, by=by)
    reflection.status, reflection.submitted_at = locked.status, locked.submitted_at
    return reflection


def reflection_share(*, reflection, shared):
    """Share (or stop sharing) a reflection's text with the author's principal."""
    with transaction.atomic():
        reflection.shared_with_principal = shared
        reflection.save(update_fields=["shared_with_principal", "updated_at"])
        audit_log(
            district=reflection.district,
            actor=reflection.author,
            action="reflection.share" if shared else "reflection.unshare",
            obj=reflection,
            summary=f"{reflection.author} {'shared' if shared else 'stopped sharing'} "
            f"a reflection on {reflection.attribute} with their principal",
        )
    return reflection


def addendum_add(*, reflection, author, text):
    """A dated note the author adds to a submitted reflection."""
    text = text.strip()
    if not text:
        raise ValidationError("Write the addendum before adding it.")
    if reflection.status != Reflection.Status.SUBMITTED or reflection.author_id != author.pk:
        raise ValidationError("Only the author can add to a submitted reflection.")
    return Addendum.objects.create(reflection=reflection, text=text)


def feedback_give(*, reflection, author, text, rating=None):
    """Feedback from a coach or district admin, optionally with their own rating."""
    text = text.strip()
    if not text:
        raise ValidationError("Write your feedback before sending it.")
    if reflection.status != Reflection.Status.SUBMITTED:
        raise ValidationError("Feedback can only be given on a submitted reflection.")
    with transaction.atomic():
        feedback = Feedback.objects.create(
            reflection=reflection, author=author, text=text, rating=rating
        )
        audit_log(
            district=reflection.district,
            actor=author,
            action="reflection.feedback",
            obj=reflection,
            summary=f"{author} gave feedback to {reflection.author} on {reflection.attribute}",
            after={"rating": rating},
        )
        _notify_feedback_given(feedback)
    return feedback


def coach_assign(*, district, coach, person, by):
    """Assign `coach` to read `person`'s reflections. Assigning twice is a no-op."""
    if coach.pk == person.pk:
        raise ValidationError("A coach cannot be assigned to themselves.")
    with transaction.atomic():
        assignment, created = CoachAssignment.objects.get_or_create(
            district=district, coach=coach, person=person
        )
        if created:
            audit_log(
                district=district,
                actor=by,
                action="coach.assign",
                obj=assignment,
                summary=f"{by} assigned {coach} to coach {person}",
            )
    return assignment


def coach_unassign(*, assignment, by):
    with transaction.atomic():
        audit_log(
            district=assignment.district,
            actor=by,
            action="coach.unassign",
            obj=assignment,
            summary=f"{by} ended {assignment.coach}'s coaching of {assignment.person}",
        )
        assignment.delete()


def prompt_add(*, attribute, text, level, by):
    with transaction.atomic():
        last = attribute.prompts.aggregate(m=Max("order"))["m"] or 0
        prompt = ReflectionPrompt.objects.create(
            attribute=attribute, text=text, level=level, order=last + 1
        )
        audit_log(
            district=attribute.framework.district,
            actor=by,
            action="prompt.add",
            obj=prompt,
            summary=f"{by} added a prompt to {attribute}",
        )
    return prompt


def prompt_archive(*, prompt, archived, by):
    """Archive (or restore) a prompt. Reflections written on it stay readable."""
    with transaction.atomic():
        prompt.is_archived = archived
        prompt.save(update_fields=["is_archived"])
        audit_log(
            district=prompt.attribute.framework.district,
            actor=by,
            action="prompt.archive" if archived else "prompt.restore",
            obj=prompt,
            summary=f"{by} {'archived' if archived else 'restored'} a prompt on {prompt.attribute}",
        )
    return prompt


def prompt_move(*, prompt, up):
    """Swap a prompt with its neighbour above (or below) within its attribute."""
    with transaction.atomic():
        siblings = list(
            ReflectionPrompt.objects.select_for_update()
            .filter(attribute=prompt.attribute)
            .order_by("order", "id")
        )
        index = next(i for i, p in enumerate(siblings) if p.pk == prompt.pk)
        other = index - 1 if up else index + 1
        if not 0 <= other < len(siblings):
            return prompt
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings, start=1):
            if sibling.order != order:
                sibling.order = order
                sibling.save(update_fields=["order"])
    return prompt


def example_add(*, attribute, by, title, story, level):
    """A new leadership example, filed under `attribute`."""
    framework = attribute.framework
    with transaction.atomic():
        example = LeadershipExample.objects.create(
            framework=framework, title=title, story=story, level=level
        )
        example.attributes.add(attribute)
        audit_log(
            district=framework.district,
            actor=by,
            action="example.add",
            obj=example,
            summary=f"{by} added the example “{title}” to {attribute}",
        )
    return example


def resource_add(*, attribute, by, title, url, note):
    framework = attribute.framework
    with transaction.atomic():
        resource = Resource.objects.create(
            framework=framework, attribute=attribute, title=title, url=url, note=note
        )
        audit_log(
            district=framework.district,
            actor=by,
            action="resource.add",
            obj=resource,
            summary=f"{by} added the resource “{title}” to {attribute}",
        )
    return resource


def item_archive(*, item, archived, by):
    """Archive (or restore) a leadership example or a resource; nothing is deleted."""
    with transaction.atomic():
        item.is_archived = archived
        item.save(update_fields=["is_archived"])
        audit_log(
            district=item.framework.district,
            actor=by,
            action=f"{item._meta.model_name}.{'archive' if archived else 'restore'}",
            obj=item,
            summary=f"{by} {'archived' if archived else 'restored'} “{item}”",
        )
    return item


def _changes(before, after):
    """The fields that differ, as (before, after) dicts for the audit log."""
    changed = [name for name in after if before[name] != after[name]]
    return {n: before[n] for n in changed}, {n: after[n] for n in changed}


def example_edit(*, example, by, title, story, level, attributes):
    """Change an example's title, story, level and the attributes it is filed under.

    Saving it unchanged writes nothing and records nothing.
    """
    title, story, attributes = title.strip(), story.strip(), list(attributes)
    if not title:
        raise ValidationError("Give the example a title.")
    if not story:
        raise ValidationError("Tell the example's story.")
    if not attributes:
        raise ValidationError("File the example under at least one attribute.")
    if any(a.framework_id != example.framework_id for a in attributes):
        raise ValidationError("Choose attributes of this example's framework.")
    with transaction.atomic():
        locked = LeadershipExample.objects.select_for_update().get(pk=example.pk)
        slugs = sorted(locked.attributes.values_list("slug", flat=True))
        old = {"title": locked.title, "story": locked.story, "level": locked.level}
        new = {"title": title, "story": story, "level": level}
        before, after = _changes(
            {**old, "attributes": slugs}, {**new, "attributes": sorted(a.slug for a in attributes)}
        )
        if not after:
            return locked
        for name, value in new.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(new))
        locked.attributes.set(attributes)
        audit_log(
            district=locked.framework.district,
            actor=by,
            action="example.edit",
            obj=locked,
            summary=f"{by} edited the example “{title}”",
            before=before,
            after=after,
        )
    return locked


def resource_edit(*, resource, by, title, url, note, attribute):
    """Change a resource's title, link or note, and its attribute (None: the whole Portrait).

    Saving it unchanged writes nothing and records nothing.
    """
    title, note = title.strip(), note.strip()
    if not title:
        raise ValidationError("Give the resource a title.")
    if not url and not note:
        raise ValidationError("Give the resource a link or a note.")
    if attribute is not None and attribute.framework_id != resource.framework_id:
        raise ValidationError("Choose an attribute of this resource's framework.")
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        new = {"title": title, "url": url, "note": note, "attribute_id": attribute and attribute.pk}
        before, after = _changes({name: getattr(locked, name) for name in new}, new)
        if not after:
            return locked
        for name, value in new.items():
            setattr(locked, name, value)
        locked.save(update_fields=[name.removesuffix("_id") for name in new])
        audit_log(
            district=locked.framework.district,
            actor=by,
            action="resource.edit",
            obj=locked,
            summary=f"{by} edited the resource “{title}”",
            before=before,
            after=after,
        )
    return locked


def _notify_feedback_given(feedback):
    """Tell a reflection's author, once per feedback, that a coach or admin responded.

    The email names who gave feedback and on which attribute, with a link; it carries
    neither the reflection's text nor the feedback's (the author reads both in the app).
    """
    reflection = feedback.reflection
    giver = feedback.author
    notify(
        kind="reflection.feedback",
        obj=reflection,
        period=f"feedback-{feedback.pk}",
        recipients=[reflection.author],
        subject=f"{giver} gave you feedback on your {reflection.attribute} reflection",
        template="feedback_given",
        context={"giver": giver, "reflection": reflection, "attribute": reflection.attribute},
        url=reverse("portrait:reflection_detail", args=[reflection.pk]),
    )

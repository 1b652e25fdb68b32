"""Who may see and change what in the framework and in reflections.

The only place that turns an id from a request into a framework object or a reflection.
Not in the user's districts (or not visible to them) -> 404; visible but their role may
not act -> 403.

Reflection privacy:
- a draft is seen by its author only;
- a submitted reflection's text is read by its author, the coaches assigned to the author,
  and the admins of its district;
- the principal of the author's school sees that it exists and when it was submitted, and
  reads its text only when the author has shared that reflection;
- the author's current mentors (leadership.Mentorship) see and read only the reflections the
  author has shared.

Growth plans (pipeline/plans) follow the same rules through `author_readers`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from leadership import access as people
from leadership.models import CoachAssignment, Membership, Mentorship, Role, User
from portrait.models import (
    Attribute,
    Framework,
    LeadershipExample,
    Reflection,
    ReflectionPrompt,
    Resource,
)


def _principal_staff(user):
    """Memberships of people who work at a school `user` is the principal of."""
    return Membership.objects.filter(
        school_id__in=people.principal_school_ids(user), is_active=True
    ).values("user")


def _coached(user, author="author", district="district"):
    return Exists(
        CoachAssignment.objects.filter(
            coach=user, person=OuterRef(author), district=OuterRef(district)
        )
    )


def _mentored(user, author="author", district="district"):
    return Exists(
        Mentorship.objects.current().filter(
            mentor=user, person=OuterRef(author), district=OuterRef(district)
        )
    )


def author_readers(user, *, author="author", district="district", shared="shared_with_principal"):
    """A condition on rows written by `author` in `district` (field names) and shared by the
    `shared` flag: the rows whose text `user` may read once the author has handed them in.
    The author reads their own; in the author's district: its admins, the author's coaches,
    and, when shared, the principal of the author's school and the author's mentors."""
    in_districts = Q(**{f"{district}_id__in": people.district_ids(user)})
    if _admin_wherever_member(user):
        return Q(**{author: user}), in_districts
    principal = Q(
        **{
            shared: True,
            f"{author}__in": _principal_staff(user),
            f"{district}_id__in": _principal_districts(user),
        }
    )
    mentor = Q(**{shared: True}) & _mentored(user, author, district)
    others = in_districts & (
        Q(**{f"{district}_id__in": people.admin_district_ids(user)})
        | _coached(user, author, district)
        | principal
        | mentor
    )
    return Q(**{author: user}), others


def coached_by(user):
    """The user's coaching assignments in the districts they belong to: the people whose
    submitted reflections they read as their coach (none for everybody else)."""
    return CoachAssignment.objects.filter(coach=user, district_id__in=people.district_ids(user))


def _principal_districts(user):
    return {m.district_id for m in people.memberships(user) if m.role == Role.PRINCIPAL}


def _admin_wherever_member(user):
    """Is `user` a district admin in each district they belong to? Then the admins' rule
    alone says what they see and read of their districts' submitted work: the coaches',
    principals' and mentors' rules would only add conditions already met (and subqueries
    every page builds for nothing)."""
    return people.district_ids(user) <= people.admin_district_ids(user)


def filter_visible_reflections(queryset, user):
    """Narrow `queryset` to the reflections whose existence `user` may see."""
    if not user.is_authenticated:
        return queryset.none()
    if _admin_wherever_member(user):
        return queryset.filter(
            Q(author=user)
            | Q(status=Reflection.Status.SUBMITTED, district_id__in=people.district_ids(user))
        )
    principal = Q(author__in=_principal_staff(user), district_id__in=_principal_districts(user))
    mentor = Q(shared_with_principal=True) & _mentored(user)
    return queryset.filter(
        Q(author=user)
        | (
            Q(status=Reflection.Status.SUBMITTED, district_id__in=people.district_ids(user))
            & (
                Q(district_id__in=people.admin_district_ids(user))
                | _coached(user)
                | principal
                | mentor
            )
        )
    )


def filter_readable_reflections(queryset, user):
    """Narrow `queryset` to the reflections whose text `user` may read (see can_read_text).

    The same rules as can_read_text, in one query, for lists and counts.
    """
    if not user.is_authenticated:
        return queryset.none()
    own, others = author_readers(user)
    return queryset.filter(own | (Q(status=Reflection.Status.SUBMITTED) & others))


def is_assigned_coach(user, reflection):
    return CoachAssignment.objects.filter(
        coach=user, person_id=reflection.author_id, district_id=reflection.district_id
    ).exists()


def is_mentor_of(user, person_id, district_id):
    """Is `user` a current mentor of the person, in that district?"""
    return (
        Mentorship.objects.current()
        .filter(mentor=user, person_id=person_id, district_id=district_id)
        .exists()
    )


def can_read_text(user, reflection):
    """May `user` read the response, rating, evidence and feedback of `reflection`?"""
    if not user.is_authenticated:
        return False
    if reflection.author_id == user.pk:
        return True
    if reflection.status != Reflection.Status.SUBMITTED:
        return False
    if reflection.district_id not in people.district_ids(user):
        return False
    if reflection.district_id in people.admin_district_ids(user):
        return True
    if is_assigned_coach(user, reflection):
        return True
    if not reflection.shared_with_principal:
        return False
    if is_mentor_of(user, reflection.author_id, reflection.district_id):
        return True
    return Membership.objects.filter(
        user_id=reflection.author_id,
        is_active=True,
        school_id__in=people.principal_school_ids(user),
    ).exists()


def can_give_feedback(user, reflection):
    """Coaches assigned to the author and district admins give feedback on submitted work."""
    if reflection.status != Reflection.Status.SUBMITTED or reflection.author_id == user.pk:
        return False
    if reflection.district_id in people.admin_district_ids(user):
        return True
    return is_assigned_coach(user, reflection)


def get_reflection_for_user(user, reflection_id, *, write=False):
    """A reflection `user` may know exists (404 otherwise); write needs its author (403)."""
    reflection = (
        filter_visible_reflections(Reflection.objects.filter(pk=reflection_id), user)
        .select_related("author", "prompt", "attribute", "district")
        .first()
    )
    if reflection is None:
        raise Http404("No such reflection.")
    if write and reflection.author_id != user.pk:
        raise PermissionDenied
    return reflection


def get_reflection_for_feedback(user, reflection_id):
    """A reflection `user` may give feedback on: visible (404), and allowed to (403)."""
    reflection = get_reflection_for_user(user, reflection_id)
    if not can_give_feedback(user, reflection):
        raise PermissionDenied
    return reflection


def get_prompt_for_user(user, prompt_id, *, write=False):
    """A prompt of a framework in the user's districts (404); write needs its admin (403)."""
    prompts = ReflectionPrompt.objects.filter(attribute__framework__is_current=True)
    return people.get_in_districts(
        user,
        prompts.select_related("attribute__framework"),
        prompt_id,
        what="prompt",
        district="attribute__framework__district_id",
        write=write,
    )


def get_framework_for_user(user, framework_id, *, write=False):
    """A framework of the user's districts (404); export or change needs its admin (403)."""
    frameworks = Framework.objects.select_related("district")
    return people.get_in_districts(user, frameworks, framework_id, what="framework", write=write)


def get_attribute_for_user(user, framework, slug, *, write=False):
    """An attribute of `framework` (the user's district's); write needs its admin (403)."""
    attribute = Attribute.objects.filter(framework=framework, slug=slug).first()
    if attribute is None:
        raise Http404("No such attribute.")
    if write and framework.district_id not in people.admin_district_ids(user):
        raise PermissionDenied
    return attribute


def get_example_for_user(user, example_id, *, write=False):
    """A leadership example of the user's districts (404); write needs its admin (403)."""
    return people.get_in_districts(
        user,
        LeadershipExample.objects.select_related("framework"),
        example_id,
        what="example",
        district="framework__district_id",
        write=write,
    )


def get_resource_for_user(user, resource_id, *, write=False):
    """A resource of the user's districts (404); write needs its admin (403)."""
    return people.get_in_districts(
        user,
        Resource.objects.select_related("framework"),
        resource_id,
        what="resource",
        district="framework__district_id",
        write=write,
    )


def get_assignment_for_user(user, assignment_id):
    """A coach assignment in a district `user` administers (404 for everybody else)."""
    assignment = CoachAssignment.objects.filter(
        pk=assignment_id, district_id__in=people.admin_district_ids(user)
    ).first()
    if assignment is None:
        raise Http404("No such coach assignment.")
    return assignment


def district_members(district):
    """The people `district` has an active membership for: whom /coaching/ may assign."""
    return people.active_members(district)


def district_coaches(district):
    """The people /coaching/ offers as a coach: those with an active coach membership in
    `district`. One filter, so the same membership must be this district's, active and a
    coach's (a teacher here who coaches elsewhere, or coached here once, is not offered)."""
    return User.objects.filter(
        memberships__district=district, memberships__is_active=True, memberships__role=Role.COACH
    ).distinct()

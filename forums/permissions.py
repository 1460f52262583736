"""Who works with which forum: its facilitators, and the staff of the external partner
that runs it (django-guardian permission `programme.work_with_forum` on the forum). VVF staff
work with every forum."""

from django.contrib.auth import get_user_model
from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, get_users_with_perms, remove_perm

from accounts.roles import EXTERNAL_PARTNER, FACILITATOR, VVF_STAFF, has_role
from programme.models import Forum

from .models import Meeting

WORK = "programme.work_with_forum"
# The forum's people: who may open the forums' pages at /forums/ (each only the forums
# they work with, forums_for_user).
FORUM_PEOPLE = (VVF_STAFF, EXTERNAL_PARTNER, FACILITATOR)


def sync_forum_access(forum):
    """Grants the permission to exactly the forum's facilitators and the partner staff of
    the organisation that runs it; run after either changes."""
    User = get_user_model()
    wanted = set(
        forum.facilitators.filter(groups__name=FACILITATOR).values_list("pk", flat=True)
    ) | set(forum.run_by.members.filter(groups__name=EXTERNAL_PARTNER).values_list("pk", flat=True))
    current = {
        user.pk for user in get_users_with_perms(forum, only_with_perms_in=["work_with_forum"])
    }
    for user in User.objects.filter(pk__in=wanted - current):
        assign_perm(WORK, user, forum)
    for user in User.objects.filter(pk__in=current - wanted):
        remove_perm(WORK, user, forum)


def sync_after_roles_changed(sender, user, **kwargs):
    """accounts.signals.roles_changed: someone's roles changed, so which forums they
    work with may have too."""
    for forum in Forum.objects.select_related("run_by"):
        sync_forum_access(forum)


def sync_after_forum_people_changed(sender, forum, **kwargs):
    """programme.signals.forum_people_changed: who works with the forum changed."""
    sync_forum_access(forum)


def forums_facilitated_by(user):
    """The forums this person works with as one of their facilitators (feedback is
    recorded for these): the same permission as forums_for_user, narrowed to the forums
    that name them."""
    if not has_role(user, FACILITATOR):
        return Forum.objects.none()
    return forums_for_user(user).filter(facilitators=user)


def forums_for_user(user):
    if has_role(user, VVF_STAFF):
        return Forum.objects.all()
    return get_objects_for_user(
        user, WORK, klass=Forum, accept_global_perms=False, with_superuser=False
    )


def get_forum_for_user(user, slug):
    forum = forums_for_user(user).filter(slug=slug).first()
    if forum is None:
        raise Http404
    return forum


def manages_meetings(user, forum):
    """VVF staff and the partner that runs the forum change, cancel and send meetings;
    facilitators run the meeting itself (agenda, attendance, note)."""
    return sees_applications(user, forum)


def sees_support_requests(user, forum):
    """Members' requests for support after a meeting: VVF staff and the forum's own
    facilitators only (not the partner's staff, not police leads)."""
    return has_role(user, VVF_STAFF) or forums_facilitated_by(user).filter(pk=forum.pk).exists()


def support_waiting_for(user):
    """The meetings after which a member asked for support, among those this person sees
    requests for (sees_support_requests)."""
    meetings = Meeting.objects.support_waiting().order_by("-starts_at")
    if has_role(user, VVF_STAFF):
        return meetings
    return meetings.filter(forum__in=forums_facilitated_by(user))


def sees_applications(user, forum):
    """Partners see the applications to the forums they run; facilitators see members."""
    return has_role(user, VVF_STAFF) or (
        has_role(user, EXTERNAL_PARTNER) and user.organisations.filter(pk=forum.run_by_id).exists()
    )

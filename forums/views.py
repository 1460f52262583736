"""Pages for the people who run a forum: its facilitators and the external partner."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.roles import EXTERNAL_PARTNER, FACILITATOR, VVF_STAFF, roles_of
from audit.services import Action, audit_record

from .permissions import forums_for_user, get_forum_for_user, sees_applications

FORUM_ROLES = {VVF_STAFF, EXTERNAL_PARTNER, FACILITATOR}


def _require_forum_role(user):
    if not FORUM_ROLES & set(roles_of(user)):
        raise Http404


@login_required
@require_GET
def my_forums(request):
    _require_forum_role(request.user)
    return render(
        request,
        "forums/my_forums.html",
        {"forums": forums_for_user(request.user).select_related("run_by")},
    )


@login_required
@require_GET
def forum_detail(request, slug):
    _require_forum_role(request.user)
    forum = get_forum_for_user(request.user, slug)
    today = timezone.localdate()
    members = forum.current_members(today).select_related("application")
    applications = None
    if sees_applications(request.user, forum):
        applications = forum.applications.order_by("-submitted_at")
    audit_record(actor=request.user, action=Action.VIEW, obj=forum, detail="members")
    return render(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "members": members,
            "meetings": forum.meetings.filter(starts_at__date__gte=today, cancelled=False)[:10],
            "applications": applications,
        },
    )

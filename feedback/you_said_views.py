"""You said, we did: every recommendation a forum made, what became of it and why.

One page for the people who run the forum (VVF staff, its facilitators, the partner that
runs it) and one for its members, through their own signed-in page. Recommendations are
anonymised when written; these pages add no one's name."""

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from accounts.roles import role_required
from forums.member_views import member_required
from forums.permissions import FORUM_PEOPLE, get_forum_for_user

from .models import ANSWERS, Recommendation, RecommendationEvent, Status

# Each status in plain words, as the forum reads it.
PLAIN_STATUS = {
    Status.RAISED: _("Written up, ready to send to the police"),
    Status.SENT: _("Sent to the police officer responsible"),
    Status.UNDER_REVIEW: _("Being considered by the police"),
    Status.IN_PROGRESS: _("Accepted: the police are working on it"),
    Status.DONE: _("Accepted: done"),
    Status.NOT_PURSUED: _("Not taken forward"),
    Status.FED_BACK: _("Answered and fed back to the forum"),
}


def _you_said(forum):
    """Every recommendation from the forum, newest first, with its answer's date."""
    answers = RecommendationEvent.objects.filter(to_status__in=ANSWERS).order_by("-at")
    recommendations = list(
        Recommendation.objects.filter(forum=forum)
        .select_related("meeting", "fed_back_at")
        .prefetch_related(Prefetch("events", queryset=answers, to_attr="answers"))
        .order_by("-raised_at", "-pk")
    )
    for recommendation in recommendations:
        recommendation.plain_status = PLAIN_STATUS[Status(recommendation.status)]
        recommendation.answered_at = (
            recommendation.answers[0].at if recommendation.answers else None
        )
    return recommendations


@role_required(*FORUM_PEOPLE)
@require_GET
def forum_page(request, slug):
    forum = get_forum_for_user(request.user, slug)
    return render(
        request,
        "feedback/you_said_forum.html",
        {"forum": forum, "recommendations": _you_said(forum)},
    )


@require_GET
@member_required
def member_page(request):
    forum = request.membership.forum
    return render(
        request,
        "members/you_said.html",
        {"forum": forum, "recommendations": _you_said(forum)},
    )

"""Feedback emails and the monthly report. Each task takes ids, fetches, and sends."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from forums.models import current_members
from vvf.email import absolute_url, send_templated_email


@shared_task
def send_answered(recommendation_id):
    """A recommendation was answered: its forum's facilitators and current members are
    told, with a link to "you said, we did". The email names no forum and no answer."""
    from .models import Recommendation

    recommendation = (
        Recommendation.objects.filter(pk=recommendation_id).select_related("forum").first()
    )
    if recommendation is None:
        return 0
    forum = recommendation.forum
    sent = 0
    for user in forum.facilitators.all():
        send_templated_email(
            "recommendation-answered-facilitator",
            user.email,
            {"url": absolute_url(reverse("feedback:you-said", args=[forum.slug]))},
        )
        sent += 1
    for membership in current_members(forum, timezone.localdate()).select_related("application"):
        application = membership.application
        send_templated_email(
            "recommendation-answered-member",
            application.email,
            {
                "name": application.preferred_name or application.full_name,
                "url": absolute_url(reverse("member-you-said")),
            },
        )
        sent += 1
    return sent


@shared_task
def generate_monthly_reports():
    """On the first day of the month: the previous calendar month's report (London
    time) for all forums and for each forum. Running it again regenerates the same rows."""
    from vvf.dates import previous_month

    from .reports import reports_generate_for

    return len(reports_generate_for(previous_month(timezone.localdate())))

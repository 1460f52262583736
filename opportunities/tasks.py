from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from forums.models import Membership
from vvf.email import absolute_url, send_templated_email


@shared_task
def send_opportunity_published(opportunity_id):
    """Emails, once, each current member of the forums an opportunity is open to, unless
    they asked not to be emailed about opportunities. Safe to run twice."""
    from .models import Opportunity

    claimed = Opportunity.objects.filter(
        pk=opportunity_id, status=Opportunity.Status.PUBLISHED, emailed_at__isnull=True
    ).update(emailed_at=timezone.now())
    if not claimed:
        return 0
    opportunity = Opportunity.objects.get(pk=opportunity_id)
    members = (
        Membership.objects.current()
        .filter(forum__in=opportunity.forums.all(), opportunity_emails=True)
        .select_related("application")
    )
    url = absolute_url(reverse("opportunities:detail", args=[opportunity.pk]))
    sent = 0
    for membership in members:
        application = membership.application
        send_templated_email(
            "opportunity-published",
            application.email,
            {"name": application.preferred_name or application.full_name, "url": url},
        )
        sent += 1
    return sent

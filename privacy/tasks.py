from celery import shared_task


@shared_task
def enforce_retention():
    """Daily: the retention rules of DOMAIN.md (privacy/retention.py)."""
    from . import retention

    counts = retention.enforce()
    send_retention_week_ahead.delay()
    return counts


@shared_task
def send_retention_week_ahead():
    """Staff are told a week ahead what the sweep will delete (references only), so a
    hold can be placed in time. Applicants and members are not emailed."""
    from django.conf import settings
    from django.urls import reverse

    from vvf.email import absolute_url, send_templated_email

    from . import retention

    references = retention.due_in_a_week()
    if references:
        send_templated_email(
            "staff-retention-week-ahead",
            settings.VVF_INBOX,
            {
                "references": references,
                "url": absolute_url(reverse("admin:applications_application_retention")),
            },
        )
    return len(references)


@shared_task
def send_correction_request(membership_id, what):
    """A member asks staff to correct something. The message travels in the task only:
    nothing is stored once sent. Staff reply to the member's address."""
    from django.conf import settings
    from django.urls import reverse

    from forums.models import Membership
    from vvf.email import absolute_url, send_templated_email

    membership = Membership.objects.select_related("application").filter(pk=membership_id).first()
    if membership is None:
        return 0
    application = membership.application
    send_templated_email(
        "staff-correction",
        settings.VVF_INBOX,
        {
            "reference": application.reference,
            "what": what,
            "admin_url": absolute_url(
                reverse("admin:applications_application_change", args=[application.pk])
            ),
        },
        reply_to=application.email,
    )
    return 1

from celery import shared_task
from django.conf import settings

from vvf.email import send_templated_email


@shared_task
def send_outcome_email(application_id):
    """Tells the applicant the outcome, kindly, with nothing of their record."""
    from applications.models import Application

    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return
    name = "accepted" if application.status == "ACCEPTED" else "not-accepted"
    send_templated_email(f"vetting-{name}", application.email, {"application": application})


@shared_task
def send_overdue_checks():
    """Daily: the VVF inbox hears of checks past six weeks, by reference only."""
    from .services import overdue_checks

    references = [check.application.reference for check in overdue_checks()]
    if references:
        send_templated_email("vetting-overdue", settings.VVF_INBOX, {"references": references})
    return len(references)

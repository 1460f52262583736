from celery import shared_task
from django.conf import settings
from django.urls import reverse

from languages.services import for_the_public
from vvf.email import absolute_url, send_templated_email


@shared_task
def send_outcome_email(application_id):
    """Tells the applicant the outcome, kindly, with nothing of their record."""
    from applications.models import Application

    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return
    name = "accepted" if application.status == "ACCEPTED" else "not-accepted"
    send_templated_email(
        f"vetting-{name}",
        application.email,
        {"application": application},
        language=for_the_public(application.language),
    )


@shared_task
def send_overdue_checks():
    """Daily: the VVF inbox hears of checks past six weeks, by reference only."""
    from .services import overdue_checks

    references = [check.application.reference for check in overdue_checks()]
    if references:
        send_templated_email("vetting-overdue", settings.VVF_INBOX, {"references": references})
    return len(references)


@shared_task
def send_case_opened_emails(case_id):
    """Each of the panel's three members hears that a case waits for them, with a link
    to their panel page: no reference, since a mailbox outlives the case, and which
    application had a case is itself criminal record information (decision 15)."""
    from .models import PanelSeat

    seats = PanelSeat.objects.filter(case_id=case_id).select_related("member")
    panel_url = absolute_url(reverse("vetting:my-cases"))
    for seat in seats:
        send_templated_email("vetting-case-opened", seat.member.email, {"panel_url": panel_url})
    return len(seats)


@shared_task
def send_check_complete_to_staff(application_id):
    """The panel's last seat has decided: the VVF inbox hears that the application's
    check is complete, with its internal admin link only. Once decided a disclosure
    reads as no record (decision 15), so the email says neither the reference, nor that
    there was a panel, nor the outcome: the application's page says what is kept."""
    admin_url = absolute_url(
        reverse("admin:applications_application_change", args=[application_id])
    )
    send_templated_email(
        "vetting-check-complete-staff", settings.VVF_INBOX, {"admin_url": admin_url}
    )

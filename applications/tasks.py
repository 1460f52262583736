"""Emails about applications. Each task takes ids, fetches, and sends."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from languages.services import for_the_public
from vvf.email import absolute_url, send_templated_email


@shared_task
def send_application_emails(application_id):
    from .models import Application
    from .services import status_token

    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return
    language = for_the_public(application.language)
    with translation.override(language):
        status_url = absolute_url(reverse("applications:status", args=[status_token(application)]))
    send_templated_email(
        "application-received",
        application.email,
        {"application": application, "status_url": status_url},
        language=language,
    )
    send_templated_email(
        "staff-new-application",
        settings.VVF_INBOX,
        {
            "application": application,
            "admin_url": absolute_url(
                reverse("admin:applications_application_change", args=[application.pk])
            ),
        },
    )


@shared_task
def send_closure_email(application_id):
    from .models import Application

    application = Application.objects.filter(pk=application_id).first()
    if application is None:
        return
    send_templated_email(
        f"application-closed-{application.status.lower().replace('_', '-')}",
        application.email,
        {"application": application},
        language=for_the_public(application.language),
    )


@shared_task
def send_resume_link(draft_id):
    from .models import SavedDraft
    from .services import draft_token

    draft = SavedDraft.objects.filter(pk=draft_id).first()
    if draft is None:
        return
    language = for_the_public(draft.language)
    with translation.override(language):
        url = absolute_url(reverse("applications:resume", args=[draft_token(draft)]))
    send_templated_email("application-saved", draft.email, {"resume_url": url}, language=language)


@shared_task
def send_question(reply_to, question):
    """The question travels in the task message only: nothing is stored once sent."""
    send_templated_email(
        "staff-question",
        settings.VVF_INBOX,
        {"reply_to": reply_to, "question": question},
        reply_to=reply_to,
    )

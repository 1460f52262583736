"""Emails from templates: templates/emails/<name>-subject.txt and <name>-body.txt.

Send only from Celery tasks. Subjects never name a forum or hold special category data.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def send_templated_email(name, to, context, reply_to=None, attachments=None):
    """`attachments` are (filename, content, mimetype) triples."""
    subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
    body = render_to_string(f"emails/{name}-body.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        attachments=attachments,
    ).send()

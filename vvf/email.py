"""Emails from templates: templates/emails/<name>-subject.txt and <name>-body.txt.

Send only from Celery tasks. Subjects never name a forum or hold special category data.
"""

import sys

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend
from django.template.loader import render_to_string
from django.utils import translation


class ConsoleBackend(DjangoConsoleBackend):
    """Local development's emails, printed whole in the terminal, links and all. A Celery
    worker sends what is printed to its stdout through the log, which cuts signed links
    out (vvf/signed_links.py); this writes to the terminal itself instead."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stream", sys.__stdout__)
        super().__init__(*args, **kwargs)


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def send_templated_email(name, to, context, reply_to=None, attachments=None, language=None):
    """`attachments` are (filename, content, mimetype) triples. The email is written in
    `language` (an applicant's: English, Easy Read or a translation), else in English."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}-subject.txt", context).strip()
        body = render_to_string(f"emails/{name}-body.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        attachments=attachments,
    ).send()

"""Emails go through a real Celery worker on Redis."""

import pytest
from django.core import mail
from django.test import Client

from applications.models import Application
from applications.tasks import send_closure_email
from tests.applications.journey import complete
from tests.conftest import sent_emails
from tests.factories import ApplicationFactory


def body_of(message):
    return message.get_payload(decode=True).decode()


def test_submitting_sends_acknowledgement_and_staff_notice_through_the_worker(celery_worker):
    client = Client()
    complete(client)
    client.post("/apply/check-your-answers/", {"website": ""})
    application = Application.objects.get()

    messages = sent_emails(celery_worker, 2)

    by_recipient = {message["To"]: message for message in messages}
    assert set(by_recipient) == {"zoe@example.com", "victimvoice@mopac.london.gov.uk"}
    acknowledgement = by_recipient["zoe@example.com"]
    assert acknowledgement["Subject"] == (
        f"Your Victim Voice Forum application {application.reference}"
    )
    assert "/apply/status/" in body_of(acknowledgement)
    notice = by_recipient["victimvoice@mopac.london.gov.uk"]
    assert notice["Subject"] == f"New application {application.reference}"
    for message in messages:
        for secret in ["Violence against women", "Zoë", "Southwark", "SE1"]:
            assert secret not in message["Subject"]
    assert "Zoë" not in body_of(notice)


def test_question_goes_to_the_inbox_and_is_not_stored(celery_worker):
    from django.db import connection

    tables_before = {
        table: count_rows(connection, table) for table in connection.introspection.table_names()
    }

    response = Client().post(
        "/ask-a-question/", {"email": "curious@example.com", "question": "How long is a meeting?"}
    )

    assert response.status_code == 302
    (message,) = sent_emails(celery_worker, 1)
    assert message["To"] == "victimvoice@mopac.london.gov.uk"
    assert message["Reply-To"] == "curious@example.com"
    assert "How long is a meeting?" in body_of(message)
    changed = {
        table
        for table in connection.introspection.table_names()
        if count_rows(connection, table) != tables_before[table]
    }
    assert changed <= {"django_session"}


def count_rows(connection, table):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("NOT_RIGHT_TIME", "You are very welcome to apply again later"),
        ("SIGNPOSTED", "Victim Support"),
        ("WITHDRAWN", "has been withdrawn, as you asked"),
    ],
)
def test_closing_emails_are_kind_and_hold_no_record(db, status, words):
    application = ApplicationFactory(status=status)

    send_closure_email(application.pk)

    (message,) = mail.outbox
    assert message.subject == f"Your Victim Voice Forum application {application.reference}"
    assert words in message.body
    assert "08 08 16 89 111" in message.body

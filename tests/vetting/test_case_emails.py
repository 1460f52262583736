"""Issue 17, point 7: each seat holder hears of a case opened for them, and the VVF inbox
hears when a check is complete. Queued through the outbox with the case or the
application; the seat holders' emails name no application, the staff's holds an admin
link only, no name, nothing of the record, and says nothing of whether the check
disclosed anything."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from audit.models import PendingTask
from tests.vetting.helpers import NOTES, OFFENCE, application_at_pnc, open_case
from vetting import services, tasks
from vetting.models import PanelSeat

pytestmark = pytest.mark.django_db


def queued():
    return list(PendingTask.objects.order_by("pk").values_list("task", "args"))


def test_opening_a_case_queues_the_seat_holders_emails():
    case, _seats = open_case()

    assert ("vetting.tasks.send_case_opened_emails", [case.pk]) in queued()


def test_each_seat_holder_is_emailed_the_panel_page_only():
    case, seats = open_case()

    assert tasks.send_case_opened_emails(case.pk) == 3

    reference = case.application.reference
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in seats.values()
    )
    for message in mail.outbox:
        assert message.subject == "A suitability case waits for your decision"
        assert f"{settings.SITE_URL}/panel/" in message.body
        # A mailbox outlives the case: which application had one is not said.
        for secret in [
            reference,
            "Canary Applicant",
            OFFENCE,
            NOTES,
            "Caution",
            "VAWG",
            "Violence",
        ]:
            assert secret not in message.body and secret not in message.subject


def test_a_case_decided_before_the_email_goes_sends_nothing():
    case, seats = open_case()
    for user in seats.values():
        services.seat_decide(case=case, member=user, decision="ACCEPT", rationale="")

    assert tasks.send_case_opened_emails(case.pk) == 0
    assert mail.outbox == []


def test_the_last_seats_decision_tells_the_staff_inbox():
    case, seats = open_case()
    application = case.application
    first, *rest = seats.values()
    services.seat_decide(case=case, member=first, decision="ACCEPT", rationale="")
    assert ("vetting.tasks.send_check_complete_to_staff", [application.pk]) not in queued()

    for user in rest:
        services.seat_decide(case=case, member=user, decision="ACCEPT", rationale="")

    assert ("vetting.tasks.send_check_complete_to_staff", [application.pk]) in queued()


def staff_email(application_id):
    tasks.send_check_complete_to_staff(application_id)
    (message,) = mail.outbox
    mail.outbox.clear()
    return message


def test_the_staff_email_holds_the_admin_link_only_and_reads_as_for_no_record():
    case, seats = open_case()
    for user in seats.values():
        services.seat_decide(case=case, member=user, decision="WITHDRAW", rationale="")
    disclosed = staff_email(case.application.pk)
    plain = application_at_pnc()
    check = services.check_request(application=plain, requested_on=datetime.date.today(), by=None)
    services.check_record_no_record(check=check, received_on=datetime.date.today(), by=None)
    no_record = staff_email(plain.pk)

    admin_url = settings.SITE_URL + reverse(
        "admin:applications_application_change", args=[case.application.pk]
    )
    assert disclosed.to == [settings.VVF_INBOX]
    assert disclosed.subject == "A PNC check is complete"
    assert admin_url in disclosed.body
    for word in [
        "panel",
        "disclos",
        "caution",
        "conviction",
        "withdr",
        "accept",
        "Canary",
        case.application.reference,
        OFFENCE,
    ]:
        assert word.lower() not in (disclosed.subject + disclosed.body).lower()
    # Word for word the email of a check that found no record, but for the link.
    assert disclosed.subject == no_record.subject
    assert disclosed.body.replace(str(case.application.pk), "#") == no_record.body.replace(
        str(plain.pk), "#"
    )


def test_no_record_queues_the_same_staff_email():
    application = application_at_pnc()
    check = services.check_request(
        application=application, requested_on=datetime.date.today(), by=None
    )

    services.check_record_no_record(check=check, received_on=datetime.date.today(), by=None)

    assert ("vetting.tasks.send_check_complete_to_staff", [application.pk]) in queued()
    assert PanelSeat.objects.count() == 0

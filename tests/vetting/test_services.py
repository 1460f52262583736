import datetime

import pytest
from django.core import mail
from django.db import connection

from applications.models import ApplicationEvent
from tests.vetting.helpers import NOTES, OFFENCE, RATIONALE, application_at_pnc, open_case
from vetting import services, tasks
from vetting.models import Disclosure, DisclosureView, PanelSeat, PncCheck, SuitabilityCase

pytestmark = pytest.mark.django_db


def test_no_consent_no_check():
    application = application_at_pnc(consented=False)

    with pytest.raises(services.VettingError, match="not consented"):
        services.check_request(application=application, requested_on=datetime.date.today(), by=None)

    assert PncCheck.objects.count() == 0


def test_no_record_completes_the_check_and_accepts():
    application = application_at_pnc()
    check = services.check_request(
        application=application, requested_on=datetime.date(2026, 10, 1), by=None
    )

    services.check_record_no_record(check=check, received_on=datetime.date(2026, 11, 1), by=None)

    check.refresh_from_db()
    application.refresh_from_db()
    assert (check.result, check.result_received_on) == ("COMPLETE", datetime.date(2026, 11, 1))
    assert application.status == "ACCEPTED"
    assert Disclosure.objects.count() == 0


def test_disclosure_is_not_stored_as_plaintext():
    case, _seats = open_case()

    with connection.cursor() as cursor:
        cursor.execute("SELECT offence, notes FROM vetting_disclosure")
        stored = cursor.fetchall()

    assert Disclosure.objects.get().offence == OFFENCE
    assert all(OFFENCE not in value and NOTES not in value for row in stored for value in row)
    assert case.application.status == "PANEL"


def test_a_check_is_overdue_after_six_weeks():
    application = application_at_pnc()
    check = services.check_request(
        application=application,
        requested_on=datetime.date.today() - datetime.timedelta(weeks=6, days=1),
        by=None,
    )
    fresh = services.check_request(
        application=application_at_pnc(), requested_on=datetime.date.today(), by=None
    )

    assert check.is_overdue and not fresh.is_overdue
    assert tasks.send_overdue_checks() == 1
    (message,) = mail.outbox
    assert application.reference in message.body
    assert "Canary Applicant" not in message.body


def test_the_panel_needs_three_different_people():
    application = application_at_pnc()
    check = services.check_request(
        application=application, requested_on=datetime.date.today(), by=None
    )
    _case, seats = open_case()
    same = dict.fromkeys(PanelSeat.Seat, seats["MOPAC"])

    with pytest.raises(services.VettingError):
        services.check_record_disclosure(
            check=check,
            received_on=datetime.date.today(),
            items=[{"offence": "x", "offence_date": "y", "disposal": "z", "notes": ""}],
            seats=same,
            by=None,
        )


def decide(case, seats, decisions):
    """Each seat's decision in turn; the panel's outcome, or "" while it has not agreed."""
    outcome = ""
    for seat, decision in decisions.items():
        outcome = services.seat_decide(
            case=case, member=seats[seat], decision=decision, rationale=RATIONALE
        )
    return outcome


def test_disagreement_decides_nothing_and_members_may_revise():
    case, seats = open_case()
    application = case.application

    assert (
        decide(case, seats, {"MOPAC": "ACCEPT", "MPS": "WITHDRAW", "FACILITATOR": "ACCEPT"}) == ""
    )
    assert SuitabilityCase.objects.filter(pk=case.pk).exists()
    assert decide(case, seats, {"MPS": "ACCEPT"}) == "ACCEPT"

    application.refresh_from_db()
    assert application.status == "ACCEPTED"
    assert not SuitabilityCase.objects.filter(pk=case.pk).exists()


def all_text_in_database():
    """Every text value in every table, by raw SQL."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb')"
        )
        for table, column in cursor.fetchall():
            cursor.execute(f'SELECT "{column}"::text FROM "{table}"')
            found.extend(value for (value,) in cursor.fetchall() if value)
    return "\n".join(found)


@pytest.mark.parametrize("outcome", ["ACCEPT", "WITHDRAW"])
def test_the_decision_deletes_every_trace_of_pnc_data(outcome, django_capture_on_commit_callbacks):
    case, seats = open_case()
    assert PncCheck.objects.get().disclosures.count() == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decide(case, seats, dict.fromkeys(PanelSeat.Seat, outcome))

    assert Disclosure.objects.count() == 0
    assert PanelSeat.objects.count() == 0
    assert SuitabilityCase.objects.count() == 0
    assert DisclosureView.objects.count() == 0
    everything = all_text_in_database()
    for secret in [OFFENCE, NOTES, RATIONALE]:
        assert secret not in everything
    # What remains: that the check is complete, its day, and the outcome.
    check = PncCheck.objects.get()
    assert (check.result, check.result_received_on) == ("COMPLETE", datetime.date.today())
    expected = "ACCEPTED" if outcome == "ACCEPT" else "PANEL_WITHDREW"
    check.application.refresh_from_db()
    assert check.application.status == expected
    # The applicant's outcome email and the staff's "check complete".
    assert len(callbacks) == 2


def test_outcome_email_says_nothing_of_the_record():
    case, seats = open_case()
    decide(case, seats, dict.fromkeys(PanelSeat.Seat, "WITHDRAW"))

    tasks.send_outcome_email(case.application.pk)

    (message,) = mail.outbox
    assert "we cannot offer you a place" in message.body
    assert "Caution" not in message.body and "conviction" not in message.body.lower()


def test_after_the_outcome_nobody_decides_again():
    case, seats = open_case()
    decide(case, seats, dict.fromkeys(PanelSeat.Seat, "ACCEPT"))

    with pytest.raises(services.VettingError):
        decide(case, seats, {"MPS": "WITHDRAW"})

    assert ApplicationEvent.objects.filter(to_status="ACCEPTED").count() == 1


def test_viewing_a_disclosure_is_logged_without_content():
    case, seats = open_case()

    services.disclosure_viewed(case=case, viewer=seats["MPS"])

    view = DisclosureView.objects.get()
    assert (view.case, view.viewer_id) == (case, seats["MPS"].pk)


def test_withdrawing_before_the_panel_decides_deletes_the_pnc_data_at_once():
    from applications.services import application_withdraw

    case, seats = open_case()
    decide(case, seats, {"MOPAC": "ACCEPT"})

    application_withdraw(application=case.application)

    assert not SuitabilityCase.objects.filter(pk=case.pk).exists()
    assert Disclosure.objects.count() == 0
    assert PanelSeat.objects.count() == 0
    # The check reads as one that was requested and had not come back.
    check = PncCheck.objects.get()
    assert (check.result, check.result_received_on) == ("", None)
    assert list(
        ApplicationEvent.objects.filter(application=case.application)
        .order_by("at", "pk")
        .values_list("from_status", "to_status")
    )[-1] == ("PNC_CHECK", "WITHDRAWN")
    for secret in [OFFENCE, NOTES, RATIONALE]:
        assert secret not in all_text_in_database()
    with pytest.raises(services.VettingError):
        decide(case, seats, {"MPS": "ACCEPT"})


@pytest.mark.parametrize(
    ("status", "to_status"),
    [
        ("PNC_CHECK", "ACCEPTED"),
        ("PNC_CHECK", "PANEL"),
        ("PANEL", "ACCEPTED"),
        ("PANEL", "PANEL_WITHDREW"),
    ],
)
def test_staff_cannot_make_the_vetting_moves_by_hand(status, to_status):
    from applications.services import TransitionNotAllowed, application_transition
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(status=status)

    assert to_status not in application.allowed_moves()
    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, to_status=to_status)


def test_no_result_can_be_recorded_once_the_application_has_ended():
    from applications.services import application_withdraw

    application = application_at_pnc()
    check = services.check_request(
        application=application, requested_on=datetime.date.today(), by=None
    )
    application_withdraw(application=application)

    with pytest.raises(services.VettingError):
        services.check_record_no_record(check=check, received_on=datetime.date.today(), by=None)


def test_ended_applications_are_not_reported_overdue():
    from applications.services import application_withdraw

    application = application_at_pnc()
    services.check_request(
        application=application,
        requested_on=datetime.date.today() - datetime.timedelta(weeks=7),
        by=None,
    )
    application_withdraw(application=application)

    assert list(services.overdue_checks()) == []

import pytest

from applications.models import (
    TRANSITIONS,
    UNSUCCESSFUL,
    VETTING_MOVES,
    ApplicationEvent,
    Status,
)
from applications.services import TransitionNotAllowed, application_transition
from tests.factories import ApplicationFactory

ALLOWED = [(a, b) for a in Status for b in Status if b in TRANSITIONS[a]]
REFUSED = [(a, b) for a in Status for b in Status if b not in TRANSITIONS[a]]


def test_the_table_covers_every_status():
    assert set(TRANSITIONS) == set(Status)


def test_only_accepted_and_the_unsuccessful_outcomes_are_final():
    final = {status for status, moves in TRANSITIONS.items() if not moves}

    assert final == UNSUCCESSFUL | {Status.ACCEPTED}


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_move_is_made_and_recorded(db, user_with_role, from_status, to_status):
    staff = user_with_role("VVF staff")
    application = ApplicationFactory(status=from_status)

    application_transition(
        application=application,
        to_status=to_status,
        by=staff,
        reason="Because",
        by_vetting=(from_status, to_status) in VETTING_MOVES,
    )

    application.refresh_from_db()
    assert application.status == to_status
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status, event.by, event.reason) == (
        from_status,
        to_status,
        staff,
        "Because",
    )
    assert (application.closed_at is not None) == (to_status in UNSUCCESSFUL)


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_refused_move_changes_nothing(db, from_status, to_status):
    application = ApplicationFactory(status=from_status)

    with pytest.raises(TransitionNotAllowed):
        application_transition(application=application, to_status=to_status)

    application.refresh_from_db()
    assert application.status == from_status
    assert ApplicationEvent.objects.count() == 0


def test_applicant_may_withdraw_at_any_point_before_acceptance():
    open_statuses = set(Status) - UNSUCCESSFUL - {Status.ACCEPTED}

    assert {s for s in open_statuses if Status.WITHDRAWN in TRANSITIONS[s]} == open_statuses
    assert Status.WITHDRAWN not in TRANSITIONS[Status.ACCEPTED]

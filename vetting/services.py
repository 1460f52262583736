"""PNC checks and the suitability panel. Every rule of DOMAIN.md's "Vetting" lives here."""

from django.db import transaction
from django.utils import timezone

from applications.models import Application, Consent, Status
from applications.services import application_transition
from vvf import outbox

from . import permissions, tasks
from .models import Disclosure, DisclosureView, PanelSeat, PncCheck, SuitabilityCase


class VettingError(Exception):
    """A vetting step the rules do not allow."""


def has_pnc_consent(application):
    latest = (
        Consent.objects.filter(application=application, document__kind="PNC_CHECK")
        .order_by("-recorded_at", "-pk")
        .first()
    )
    return bool(latest and latest.given)


def _lock_application(application, status):
    """The application's row, locked; VettingError unless it is at `status`."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != status:
        raise VettingError(
            f"This application is ‘{locked.get_status_display()}’, so this step cannot be taken."
        )
    return locked


@transaction.atomic
def check_request(*, application, requested_on, by):
    application = _lock_application(application, Status.PNC_CHECK)
    if not has_pnc_consent(application):
        raise VettingError("This applicant has not consented to a PNC check: no check can be made.")
    if PncCheck.objects.filter(application=application).exists():
        raise VettingError("This application already has a PNC check.")
    return PncCheck.objects.create(
        application=application, requested_on=requested_on, requested_by=by
    )


@transaction.atomic
def check_record_no_record(*, check, received_on, by):
    """Nothing on record: the check is complete and the application is accepted."""
    _lock_application(check.application, Status.PNC_CHECK)
    check = PncCheck.objects.select_for_update().get(pk=check.pk)
    if check.result:
        raise VettingError("This check's result is already recorded.")
    check.result = PncCheck.Result.NO_RECORD
    check.result_received_on = received_on
    check.save(update_fields=["result", "result_received_on"])
    application_transition(
        application=check.application,
        to_status=Status.ACCEPTED,
        by=by,
        reason="PNC: no record",
        by_vetting=True,
    )
    outbox.enqueue(tasks.send_outcome_email, check.application_id)
    return check


@transaction.atomic
def check_record_disclosure(*, check, received_on, items, seats, by):
    """Convictions or cautions: recorded encrypted, and a panel opened with its three
    members (`seats` maps each PanelSeat.Seat to a user)."""
    _lock_application(check.application, Status.PNC_CHECK)
    check = PncCheck.objects.select_for_update().get(pk=check.pk)
    if check.result:
        raise VettingError("This check's result is already recorded.")
    if not items:
        raise VettingError("Enter at least one conviction or caution.")
    if set(seats) != set(PanelSeat.Seat) or len({user.pk for user in seats.values()}) != 3:
        raise VettingError(
            "The panel needs three different people: MOPAC, MPS and the facilitator."
        )
    check.result = PncCheck.Result.DISCLOSURE
    check.result_received_on = received_on
    check.save(update_fields=["result", "result_received_on"])
    Disclosure.objects.bulk_create(Disclosure(check_record=check, **item) for item in items)
    case = SuitabilityCase.objects.create(check_record=check)
    for seat, user in seats.items():
        PanelSeat.objects.create(case=case, seat=seat, member=user)
        permissions.grant_panel_seat(case, user)
    application_transition(
        application=check.application,
        to_status=Status.PANEL,
        by=by,
        reason="PNC: disclosure",
        by_vetting=True,
    )
    return case


def disclosure_viewed(*, case, viewer):
    DisclosureView.objects.create(case=case, viewer_id=viewer.pk)


@transaction.atomic
def seat_decide(*, case, member, decision, rationale):
    """Records one member's decision (they may revise it until the outcome). When all
    three agree, the outcome is decided, once, in this transaction."""
    case = SuitabilityCase.objects.select_for_update().get(pk=case.pk)
    if case.outcome:
        raise VettingError("This panel has already decided.")
    if case.application.status != Status.PANEL:
        raise VettingError("This application is no longer before the panel.")
    seat = PanelSeat.objects.filter(case=case, member=member).first()
    if seat is None:
        raise VettingError("Only the panel's members record decisions.")
    seat.decision = decision
    seat.rationale = rationale
    seat.decided_at = timezone.now()
    seat.save(update_fields=["decision", "rationale", "decided_at"])
    decisions = set(PanelSeat.objects.filter(case=case).values_list("decision", flat=True))
    if len(decisions) == 1 and "" not in decisions:
        case_decide(case=case, outcome=decision)
    return case


def case_decide(*, case, outcome):
    """The outcome: the application moves on and every piece of PNC data is deleted,
    in the caller's transaction, with the case row locked."""
    _end_case(case, outcome)
    application_transition(
        application=case.application,
        to_status=Status.ACCEPTED if outcome == "ACCEPT" else Status.PANEL_WITHDREW,
        reason="Suitability panel decision",
        by_vetting=True,
    )
    application_id = case.check_record.application_id
    outbox.enqueue(tasks.send_outcome_email, application_id)


def _end_case(case, outcome):
    """The case ends: every piece of PNC data is deleted and the members' access ends.
    What stays: its dates, its outcome, who sat and what each decided."""
    case.outcome = outcome
    case.decided_at = timezone.now()
    case.save(update_fields=["outcome", "decided_at"])
    Disclosure.objects.filter(check_record=case.check_record).delete()
    seats = PanelSeat.objects.filter(case=case).select_related("member")
    seats.update(rationale="")
    for seat in seats:
        permissions.revoke_panel_seat(case, seat.member)


def case_close_if_ended(*, application, from_status, to_status, **kwargs):
    """An application that leaves the panel stage other than by its decision (the
    applicant withdraws) takes its PNC data with it, at once."""
    if from_status != Status.PANEL:
        return
    case = (
        SuitabilityCase.objects.select_for_update()
        .filter(check_record__application=application, outcome="")
        .first()
    )
    if case is not None:
        _end_case(case, SuitabilityCase.Outcome.CLOSED)


def overdue_checks(today=None):
    return PncCheck.objects.overdue(today).select_related("application")

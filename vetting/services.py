"""PNC checks and the suitability panel. Every rule of DOMAIN.md's "Vetting" lives here."""

from django.db import transaction
from django.utils import timezone

from applications.models import Application, Status
from applications.services import (
    application_forget_stage,
    application_transition,
    consent_given,
)
from audit.services import Action, audit_record, audit_untied
from vvf import outbox

from . import permissions, tasks
from .models import Disclosure, DisclosureView, PanelSeat, PncCheck, SuitabilityCase


class VettingError(Exception):
    """A vetting step the rules do not allow."""


def has_pnc_consent(application):
    return consent_given(application, "PNC_CHECK")


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


# What the timeline says of every completed check, whatever it found.
CHECK_COMPLETE = "PNC check complete"


@transaction.atomic
def check_record_no_record(*, check, received_on, by):
    """Nothing on record: the check is complete and the application is accepted."""
    _lock_application(check.application, Status.PNC_CHECK)
    check = PncCheck.objects.select_for_update().get(pk=check.pk)
    if check.result:
        raise VettingError("This check's result is already recorded.")
    check.result = PncCheck.Result.COMPLETE
    check.result_received_on = received_on
    check.save(update_fields=["result", "result_received_on"])
    application_transition(
        application=check.application,
        to_status=Status.ACCEPTED,
        reason=CHECK_COMPLETE,
        by_vetting=True,
    )
    audit_record(actor=by, action=Action.DECISION, obj=check, detail="result recorded")
    outbox.enqueue(tasks.send_outcome_email, check.application_id)
    # The same email as at a panel's decision, so that the inbox cannot tell them apart.
    outbox.enqueue(tasks.send_check_complete_to_staff, check.application_id)
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
    check.save(update_fields=["result"])
    Disclosure.objects.bulk_create(Disclosure(check_record=check, **item) for item in items)
    case = SuitabilityCase.objects.create(
        check_record=check, result_received_on=received_on, recorded_by=by
    )
    for seat, user in seats.items():
        PanelSeat.objects.create(case=case, seat=seat, member=user)
        permissions.grant_panel_seat(case, user)
    application_transition(application=check.application, to_status=Status.PANEL, by_vetting=True)
    # The entry tied to the check, as for no record, waits for the decision (_forget_case).
    audit_untied(
        actor=by,
        action=Action.CREATE,
        object_type="vetting.disclosure",
        detail="criminal record information recorded",
    )
    outbox.enqueue(tasks.send_case_opened_emails, case.pk)
    return case


def disclosure_viewed(*, case, viewer):
    """Someone read the case's disclosure: the case's own access log says who and when
    while the case is open; the audit trail keeps who and which day, tied to no one."""
    DisclosureView.objects.create(case=case, viewer_id=viewer.pk)
    audit_untied(
        actor=viewer,
        action=Action.VIEW,
        object_type="vetting.disclosure",
        detail="criminal record information viewed",
    )


@transaction.atomic
def seat_decide(*, case, member, decision, rationale):
    """Records one member's decision (they may revise it until the outcome). When all
    three agree, the outcome is decided, once, in this transaction. Returns the outcome,
    or "" while the panel has not agreed."""
    case = SuitabilityCase.objects.select_for_update().filter(pk=case.pk).first()
    if case is None:
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
    audit_untied(
        actor=member,
        action=Action.DECISION,
        object_type="vetting.suitabilitycase",
        detail="panel seat decision",
    )
    decisions = set(PanelSeat.objects.filter(case=case).values_list("decision", flat=True))
    if len(decisions) == 1 and "" not in decisions:
        case_decide(case=case, outcome=decision)
        return decision
    return ""


def case_decide(*, case, outcome):
    """The outcome: the application moves on and the case, with every piece of PNC
    data, is deleted, in the caller's transaction, with the case row locked. What stays
    reads as for a check that found no record: the check complete, its day, the
    application's outcome."""
    application = case.application
    _forget_case(case, completed=True)
    application_transition(
        application=application,
        to_status=Status.ACCEPTED if outcome == "ACCEPT" else Status.PANEL_WITHDREW,
        reason=CHECK_COMPLETE,
        by_vetting=True,
    )
    application_forget_stage(application=application, stage=Status.PANEL)
    outbox.enqueue(tasks.send_outcome_email, application.pk)
    outbox.enqueue(tasks.send_check_complete_to_staff, application.pk)


def _forget_case(case, *, completed):
    """Deletes the case with its seats, access log and disclosures, ends the members'
    access, and leaves the check as any check reads: complete, with the day, recorded by
    whoever recorded the result, or (the application ended first) requested."""
    check = case.check_record
    if completed:
        audit_record(
            actor=case.recorded_by, action=Action.DECISION, obj=check, detail="result recorded"
        )
    for seat in PanelSeat.objects.filter(case=case).select_related("member"):
        permissions.revoke_panel_seat(case, seat.member)
    Disclosure.objects.filter(check_record=check).delete()
    case.delete()
    check.result = PncCheck.Result.COMPLETE if completed else ""
    check.result_received_on = timezone.localdate() if completed else None
    check.save(update_fields=["result", "result_received_on"])


def case_close_if_ended(*, application, from_status, to_status, **kwargs):
    """An application that leaves the panel stage other than by its decision (the
    applicant withdraws) takes its PNC data, and the panel's trace, with it, at once."""
    if from_status != Status.PANEL:
        return
    case = (
        SuitabilityCase.objects.select_for_update()
        .filter(check_record__application=application)
        .first()
    )
    if case is not None:
        _forget_case(case, completed=False)
        application_forget_stage(application=application, stage=Status.PANEL)


@transaction.atomic
def pnc_data_left_delete():
    """A safety net behind case_decide and case_close_if_ended, run by the retention
    sweep: a case or disclosure whose application is no longer before the panel is
    forgotten as they forget it. Returns how many disclosures went."""
    left = Disclosure.objects.exclude(check_record__application__status=Status.PANEL)
    count = left.count()
    cases = SuitabilityCase.objects.select_for_update().exclude(
        check_record__application__status=Status.PANEL
    )
    for case in cases.select_related("check_record__application"):
        application = case.application
        completed = application.status in {Status.ACCEPTED, Status.PANEL_WITHDREW}
        _forget_case(case, completed=completed)
        application_forget_stage(application=application, stage=Status.PANEL)
    left.delete()
    return count


def overdue_checks(today=None):
    return PncCheck.objects.overdue(today).select_related("application")

"""Support after a meeting: a member asks, whoever responds closes the request."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from vvf import outbox

from .. import tasks
from ..models import (
    SUPPORT_REQUEST_MOVES,
    Attendance,
    Invitation,
    SupportRequest,
    SupportRequestEvent,
)


class SupportError(Exception):
    pass


# How long after a meeting its members are offered support from its page.
SUPPORT_OFFERED_DAYS = 30


def support_offered(meeting, membership):
    """The offer stands from the meeting's start for SUPPORT_OFFERED_DAYS, to a member of
    its forum by then who did not say they could not come and was not recorded absent
    (attendance may not be taken yet)."""
    now = timezone.now()
    if (
        membership.forum_id != meeting.forum_id
        or meeting.cancelled
        or not meeting.starts_at <= now < meeting.starts_at + timedelta(days=SUPPORT_OFFERED_DAYS)
        or timezone.localtime(meeting.starts_at).date() < membership.started_on
    ):
        return False
    absent = Attendance.objects.filter(meeting=meeting, membership=membership, attended=False)
    declined = Invitation.objects.filter(
        meeting=meeting, membership=membership, response=Invitation.Response.NOT_ATTENDING
    )
    return not absent.exists() and not declined.exists()


@transaction.atomic
def support_request_make(*, meeting, membership, contact_by, words=""):
    """The member's request; asking again while one is open changes it, not adds one.
    VVF's inbox is told that one is waiting (with no name or words)."""
    if not support_offered(meeting, membership):
        raise SupportError("You can ask for support after a meeting you came to.")
    request, created = SupportRequest.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        status=SupportRequest.Status.OPEN,
        defaults={"contact_by": contact_by, "words": words.strip()},
    )
    if created:
        outbox.enqueue(tasks.send_support_requested, request.pk)
    return request


@transaction.atomic
def support_request_transition(*, request, to_status, by=None):
    """Every status move of a support request: locks it, refuses a move
    SUPPORT_REQUEST_MOVES does not allow, saves and records the move."""
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    from_status = locked.status
    if to_status not in SUPPORT_REQUEST_MOVES[from_status]:
        raise SupportError("Someone has already been in touch about this request.")
    locked.status = to_status
    locked.closed_at = timezone.now()
    # Whoever responded keeps no note, and what the member wrote goes with the request.
    locked.words = ""
    locked.save(update_fields=["status", "closed_at", "words"])
    SupportRequestEvent.objects.create(
        request=locked, from_status=from_status, to_status=to_status, by=by
    )
    return locked


def support_request_close(*, request, by):
    return support_request_transition(
        request=request, to_status=SupportRequest.Status.CLOSED, by=by
    )

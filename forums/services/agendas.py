"""Agendas: members propose items for their forum's meetings, the people running the
forum add, accept, merge or decline them, and publish the agenda."""

from django.db import transaction
from django.utils import timezone

from ..models import AGENDA_ITEM_MOVES, AgendaItem, AgendaItemEvent
from .meetings import meeting_open


class AgendaError(Exception):
    pass


@transaction.atomic
def agenda_item_propose(*, meeting, membership, title, detail=""):
    """A member proposes something for the agenda of one of their forum's meetings."""
    meeting_open(meeting)
    if membership.forum_id != meeting.forum_id:
        raise AgendaError("Members propose items for their own forum's meetings.")
    return AgendaItem.objects.create(
        meeting=meeting, proposed_by=membership, title=title, detail=detail
    )


@transaction.atomic
def agenda_item_add(*, meeting, title, detail=""):
    """The people running the forum put an item straight on the agenda."""
    meeting_open(meeting)
    return AgendaItem.objects.create(
        meeting=meeting,
        title=title,
        detail=detail,
        status=AgendaItem.Status.ACCEPTED,
        decided_at=timezone.now(),
    )


@transaction.atomic
def agenda_item_decide(*, item, status, reason="", merged_into=None, by=None):
    """Accept, merge or decline a proposed item. A declined item needs a short reason,
    which the member sees; a merged item joins an item already on the agenda."""
    meeting_open(item.meeting)
    if status == AgendaItem.Status.DECLINED and not reason.strip():
        raise AgendaError("Give a short reason the member will see.")
    if status == AgendaItem.Status.MERGED:
        if (
            merged_into is None
            or merged_into.meeting_id != item.meeting_id
            or merged_into.status != AgendaItem.Status.ACCEPTED
        ):
            raise AgendaError("Choose an item on this meeting's agenda to merge with.")
    elif status not in (AgendaItem.Status.ACCEPTED, AgendaItem.Status.DECLINED):
        raise AgendaError("Accept, merge or decline the item.")
    reason = reason.strip() if status == AgendaItem.Status.DECLINED else ""
    return agenda_item_transition(
        item=item,
        to_status=status,
        by=by,
        reason=reason,
        decline_reason=reason,
        merged_into=merged_into if status == AgendaItem.Status.MERGED else None,
        decided_at=timezone.now(),
    )


@transaction.atomic
def agenda_item_transition(*, item, to_status, by=None, reason="", **fields):
    """Every status move of an agenda item: locks it, refuses a move AGENDA_ITEM_MOVES
    does not allow, saves the status (with `fields`) and records the move. No email goes
    with these moves: members see the outcome on their meeting page."""
    locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
    from_status = locked.status
    if to_status not in AGENDA_ITEM_MOVES[from_status]:
        raise AgendaError("This item has already been decided.")
    locked.status = to_status
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *fields])
    AgendaItemEvent.objects.create(
        item=locked, from_status=from_status, to_status=to_status, by=by, reason=reason
    )
    return locked


@transaction.atomic
def agenda_publish(*, meeting):
    """Members see the agenda once it is published; publishing again shows changes."""
    meeting_open(meeting)
    if not meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).exists():
        raise AgendaError("Put at least one item on the agenda before publishing it.")
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    return meeting

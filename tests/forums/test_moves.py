"""Every status move of agenda items, claims and meeting notes goes through its one
transition service and its table: each allowed pair moves and leaves an event, each
refused pair raises the concept's error and changes nothing."""

import datetime
import itertools

import pytest
from django.utils import timezone

from forums.models import (
    AGENDA_ITEM_MOVES,
    CLAIM_MOVES,
    NOTE_MOVES,
    AgendaItem,
    AgendaItemEvent,
    ExpenseClaim,
    ExpenseClaimEvent,
    Meeting,
    MeetingNote,
    MeetingNoteEvent,
)
from forums.services import agendas, claims, meetings, notes
from tests.factories import UserFactory
from tests.forums.helpers import make_meeting, make_member

pytestmark = pytest.mark.django_db


def pairs(statuses):
    return list(itertools.product(statuses, statuses))


def test_each_table_names_every_status():
    assert set(AGENDA_ITEM_MOVES) == set(AgendaItem.Status)
    assert set(CLAIM_MOVES) == set(ExpenseClaim.Status)
    assert set(NOTE_MOVES) == set(MeetingNote.Status)


@pytest.mark.parametrize(("from_status", "to_status"), pairs(AgendaItem.Status))
def test_agenda_item_moves(from_status, to_status):
    member = make_member()
    item = agendas.agenda_item_propose(meeting=make_meeting(), membership=member, title="Hate")
    AgendaItem.objects.filter(pk=item.pk).update(status=from_status)
    staff = UserFactory()

    if to_status in AGENDA_ITEM_MOVES[from_status]:
        agendas.agenda_item_transition(item=item, to_status=to_status, by=staff, reason="Why")

        item.refresh_from_db()
        assert item.status == to_status
        assert [
            (e.from_status, e.to_status, e.by, e.reason) for e in AgendaItemEvent.objects.all()
        ] == [(from_status, to_status, staff, "Why")]
    else:
        with pytest.raises(agendas.AgendaError):
            agendas.agenda_item_transition(item=item, to_status=to_status, by=staff)

        item.refresh_from_db()
        assert item.status == from_status
        assert not AgendaItemEvent.objects.exists()


def test_deciding_an_item_records_who_and_why():
    item = agendas.agenda_item_propose(meeting=make_meeting(), membership=make_member(), title="x")
    staff = UserFactory()

    agendas.agenda_item_decide(
        item=item, status=AgendaItem.Status.DECLINED, reason=" Not this time ", by=staff
    )

    (event,) = AgendaItemEvent.objects.filter(item=item)
    assert (event.from_status, event.to_status, event.by, event.reason) == (
        "PROPOSED",
        "DECLINED",
        staff,
        "Not this time",
    )


def attended_claim():
    member = make_member(started_days_ago=60)
    meeting = make_meeting(days_ahead=-10)
    meetings.attendance_record(meeting=meeting, attended_ids={member.pk})
    return claims.claim_submit(membership=member, meeting=meeting, kind="TRAVEL", amount="8.40")


@pytest.mark.parametrize(("from_status", "to_status"), pairs(ExpenseClaim.Status))
def test_claim_moves(from_status, to_status):
    claim = attended_claim()
    ExpenseClaim.objects.filter(pk=claim.pk).update(status=from_status)
    staff = UserFactory()

    if to_status in CLAIM_MOVES[from_status]:
        claims.claim_transition(claim=claim, to_status=to_status, by=staff, reason="No receipt")

        claim.refresh_from_db()
        assert (claim.status, claim.decided_by) == (to_status, staff)
        reason = "" if to_status == ExpenseClaim.Status.APPROVED else "No receipt"
        assert claim.reason == reason
        assert [
            (e.from_status, e.to_status, e.by, e.reason, e.at)
            for e in ExpenseClaimEvent.objects.all()
        ] == [(from_status, to_status, staff, reason, claim.decided_at)]
    else:
        with pytest.raises(claims.ClaimError):
            claims.claim_transition(claim=claim, to_status=to_status, by=staff)

        claim.refresh_from_db()
        assert (claim.status, claim.decided_by) == (from_status, None)
        assert not ExpenseClaimEvent.objects.exists()


def held_note():
    meeting = make_meeting()
    moved = meeting.starts_at - datetime.timedelta(days=15)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=moved, ends_at=moved + datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return notes.note_save(meeting=meeting, text="We discussed victim care.")


@pytest.mark.parametrize(("from_status", "to_status"), pairs(MeetingNote.Status))
def test_note_moves(from_status, to_status, django_capture_on_commit_callbacks):
    note = held_note()
    MeetingNote.objects.filter(pk=note.pk).update(status=from_status)
    staff = UserFactory()

    if to_status in NOTE_MOVES[from_status]:
        with django_capture_on_commit_callbacks(execute=False):
            notes.note_transition(note=note, to_status=to_status, by=staff)

        note.refresh_from_db()
        assert note.status == to_status
        assert note.finalised_at <= timezone.now()
        assert [(e.from_status, e.to_status, e.by) for e in MeetingNoteEvent.objects.all()] == [
            (from_status, to_status, staff)
        ]
    else:
        with pytest.raises(notes.NoteError):
            notes.note_transition(note=note, to_status=to_status, by=staff)

        note.refresh_from_db()
        assert (note.status, note.finalised_at) == (from_status, None)
        assert not MeetingNoteEvent.objects.exists()


def test_events_go_with_their_rows():
    claim = attended_claim()
    claims.claim_decide(claim=claim, approve=False, by=None, reason="Claimed twice")
    item = agendas.agenda_item_propose(meeting=make_meeting(), membership=make_member(), title="x")
    agendas.agenda_item_decide(item=item, status=AgendaItem.Status.ACCEPTED)

    ExpenseClaim.objects.filter(pk=claim.pk).delete()
    AgendaItem.objects.filter(pk=item.pk).delete()

    assert not ExpenseClaimEvent.objects.exists()
    assert not AgendaItemEvent.objects.exists()

"""Meeting notes and recordings: members' answers about recording each meeting, the note
from draft to final, and the recording, deleted once the note is final."""

import logging

from django.db import transaction
from django.utils import timezone

from applications.models import ConsentDocument
from applications.services import current_documents
from audit.services import Action, audit_record
from vvf import outbox

from .. import tasks
from ..models import NOTE_MOVES, MeetingNote, MeetingNoteEvent, RecordingConsent

logger = logging.getLogger(__name__)


class NoteError(Exception):
    pass


RECORDING_TYPES = {".mp3", ".m4a", ".mp4", ".wav", ".webm", ".ogg"}
RECORDING_MAX_BYTES = 500 * 1024 * 1024


def recording_document():
    """The newest English wording (members' pages are in English)."""
    return current_documents().get(ConsentDocument.Kind.RECORDING)


@transaction.atomic
def recording_consent_record(*, meeting, membership, given):
    """Records the member's answer for this meeting with the wording they were shown.
    Every answer is kept; the latest counts."""
    if membership.forum_id != meeting.forum_id:
        raise NoteError("Members answer for their own forum's meetings.")
    if meeting.starts_at <= timezone.now():
        # A recording may be attached on the strength of the answers given by then.
        raise NoteError("Answers about recording can be changed until the meeting.")
    return RecordingConsent.objects.create(
        membership=membership, meeting=meeting, document=recording_document(), given=given
    )


def recording_consents(meeting):
    """{membership id: the latest answer} for this meeting."""
    rows = meeting.recording_consents.order_by("recorded_at", "pk")
    return dict(rows.values_list("membership_id", "given"))


def recording_allowed(meeting, *, present=None, answers=None):
    """True when attendance was taken and every member present consented. A page that has
    read who was present and the answers (recording_consents) already passes them."""
    if present is None:
        present = set(
            meeting.attendance.filter(attended=True).values_list("membership_id", flat=True)
        )
    if answers is None:
        answers = recording_consents(meeting)
    return bool(present) and all(answers.get(pk) for pk in present)


def note_for(meeting):
    return MeetingNote.objects.get_or_create(meeting=meeting)[0]


@transaction.atomic
def note_save(*, meeting, text):
    note = MeetingNote.objects.select_for_update().get(pk=note_for(meeting).pk)
    if note.status == MeetingNote.Status.FINAL:
        raise NoteError("This note is final and cannot be changed.")
    note.text = text
    note.save(update_fields=["text"])
    return note


@transaction.atomic
def recording_attach(*, meeting, upload):
    """Attaches a recording, only when every member present consented to it."""
    note = MeetingNote.objects.select_for_update().get(pk=note_for(meeting).pk)
    if note.status == MeetingNote.Status.FINAL:
        raise NoteError("This note is final: a recording can no longer be attached.")
    if meeting.cancelled or meeting.starts_at > timezone.now():
        raise NoteError("A recording can be attached once the meeting has happened.")
    if not recording_allowed(meeting):
        raise NoteError(
            "A recording can be attached only when attendance has been taken and every "
            "member present agreed to the recording."
        )
    old = note.recording.name
    note.recording.save(upload.name, upload, save=False)
    note.save(update_fields=["recording"])
    if old:
        transaction.on_commit(lambda: note.recording.storage.delete(old))
    return note


@transaction.atomic
def note_finalise(*, meeting, by=None):
    """The note becomes final; a Celery task then deletes the recording from storage."""
    note = note_for(meeting)
    if meeting.starts_at > timezone.now():
        raise NoteError("A note can be made final once the meeting has happened.")
    if note.status != MeetingNote.Status.FINAL and not note.text.strip():
        raise NoteError("Write the note before making it final.")
    return note_transition(note=note, to_status=MeetingNote.Status.FINAL, by=by)


@transaction.atomic
def note_transition(*, note, to_status, by=None):
    """Every status move of a meeting note: locks it, refuses a move NOTE_MOVES does
    not allow, saves the status and records the move. A final note's recording is
    deleted by a task queued after the commit (the outbox); no email goes."""
    locked = MeetingNote.objects.select_for_update().get(pk=note.pk)
    from_status = locked.status
    if to_status not in NOTE_MOVES[from_status]:
        raise NoteError("This note is already final.")
    locked.status = to_status
    fields = ["status"]
    if to_status == MeetingNote.Status.FINAL:
        locked.finalised_at = timezone.now()
        fields.append("finalised_at")
    locked.save(update_fields=fields)
    MeetingNoteEvent.objects.create(
        note=locked, from_status=from_status, to_status=to_status, by=by
    )
    if to_status == MeetingNote.Status.FINAL and locked.recording:
        outbox.enqueue(tasks.delete_recording, locked.pk)
    return locked


def recordings_left_on_final_notes():
    """The safety net behind the task: final notes that still have a recording."""
    return MeetingNote.objects.filter(status=MeetingNote.Status.FINAL).exclude(recording="")


@transaction.atomic
def recording_delete(*, note):
    """Deletes a final note's recording from storage (the file system here, object
    storage in production) and logs that it went."""
    note = MeetingNote.objects.select_for_update().filter(pk=note.pk).first()
    if note is None or not note.recording or note.status != MeetingNote.Status.FINAL:
        return False
    name = note.recording.name
    note.recording.storage.delete(name)
    note.recording = ""
    note.recording_deleted_at = timezone.now()
    note.save(update_fields=["recording", "recording_deleted_at"])
    audit_record(actor=None, action=Action.DELETE, obj=note, detail="recording deleted")
    logger.info("Deleted the recording of meeting note %s", note.pk)
    return True

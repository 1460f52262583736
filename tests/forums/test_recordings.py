import datetime
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from audit.models import AuditEntry
from forums.models import Meeting, MeetingNote, RecordingConsent
from forums.services import meetings, notes
from tests.conftest import sign_in
from tests.forums.helpers import make_meeting, make_member, sign_in_member


def recording(name="meeting.mp3"):
    return ContentFile(b"ID3 not really audio", name=name)


def held_meeting(*members, present, consents=None):
    """A meeting the members answered about recording before (consents: {member:
    given}), which has since happened with `present` there."""
    meeting = make_meeting()
    for member, given in (consents or {}).items():
        notes.recording_consent_record(meeting=meeting, membership=member, given=given)
    moved = meeting.starts_at - datetime.timedelta(days=15)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=moved, ends_at=moved + datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    meetings.attendance_record(meeting=meeting, attended_ids={m.pk for m in present})
    return meeting


@pytest.mark.django_db
def test_every_answer_about_recording_is_kept_with_its_wording(client):
    member = make_member()
    meeting = make_meeting()
    sign_in_member(client, member)

    client.post(
        reverse("members:meeting-recording-consent", args=[meeting.pk]), {"consent-given": "yes"}
    )
    client.post(
        reverse("members:meeting-recording-consent", args=[meeting.pk]), {"consent-given": "no"}
    )

    consents = RecordingConsent.objects.filter(meeting=meeting, membership=member)
    assert [c.given for c in consents] == [True, False]
    assert {c.document.kind for c in consents} == {"RECORDING"}
    assert notes.recording_consents(meeting) == {member.pk: False}  # the latest counts


@pytest.mark.django_db
def test_a_recording_needs_the_consent_of_everyone_present():
    agrees, refuses, absent = make_member(), make_member(), make_member()
    meeting = held_meeting(
        agrees, refuses, absent, present=[agrees, refuses], consents={agrees: True, refuses: False}
    )

    with pytest.raises(notes.NoteError):
        notes.recording_attach(meeting=meeting, upload=recording())
    with pytest.raises(notes.NoteError):  # too late to change the answer
        notes.recording_consent_record(meeting=meeting, membership=refuses, given=True)

    meeting = held_meeting(
        agrees, refuses, present=[agrees, refuses], consents={agrees: True, refuses: True}
    )
    note = notes.recording_attach(meeting=meeting, upload=recording())
    assert note.recording and default_storage.exists(note.recording.name)
    assert "meeting" not in note.recording.name  # stored under a random name


@pytest.mark.django_db
def test_no_recording_before_attendance_is_taken():
    member = make_member()
    meeting = make_meeting()
    notes.recording_consent_record(meeting=meeting, membership=member, given=True)

    with pytest.raises(notes.NoteError):
        notes.recording_attach(meeting=meeting, upload=recording())


@pytest.mark.django_db
def test_the_upload_form_refuses_other_files(client, user_with_role):
    member = make_member()
    meeting = held_meeting(member, present=[member], consents={member: True})
    sign_in(client, user_with_role("VVF staff", is_staff=True))

    response = client.post(
        reverse("forums:recording-upload", args=[meeting.forum.slug, meeting.pk]),
        {"recording-recording": ContentFile(b"x", name="notes.exe")},
    )

    assert response.status_code == 400
    assert "The recording must be an MP3" in response.text


@pytest.mark.django_db
def test_a_final_note_cannot_change():
    member = make_member()
    meeting = held_meeting(member, present=[member])
    notes.note_save(meeting=meeting, text="We discussed victim care.")
    notes.note_finalise(meeting=meeting)

    with pytest.raises(notes.NoteError):
        notes.note_save(meeting=meeting, text="Changed")
    with pytest.raises(notes.NoteError):
        notes.recording_attach(meeting=meeting, upload=recording())


def test_finalising_the_note_deletes_the_recording_through_a_real_worker(
    celery_worker, client, user_with_role
):
    member = make_member()
    meeting = held_meeting(member, present=[member], consents={member: True})
    notes.note_save(meeting=meeting, text="We discussed updates on investigations.")
    name = notes.recording_attach(meeting=meeting, upload=recording()).recording.name
    assert default_storage.exists(name)
    sign_in(client, user_with_role("VVF staff", is_staff=True))

    response = client.post(reverse("forums:note-finalise", args=[meeting.forum.slug, meeting.pk]))

    assert response.status_code == 302
    deadline = time.monotonic() + 20
    while default_storage.exists(name) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not default_storage.exists(name)
    note = MeetingNote.objects.get(meeting=meeting)
    assert note.status == "FINAL" and not note.recording and note.recording_deleted_at
    assert AuditEntry.objects.filter(
        object_type="forums.meetingnote", object_ref=str(note.pk), detail="recording deleted"
    ).exists()


@pytest.mark.django_db
def test_a_recording_cannot_be_attached_before_the_meeting():
    member = make_member()
    meeting = make_meeting()
    notes.recording_consent_record(meeting=meeting, membership=member, given=True)

    with pytest.raises(notes.NoteError):
        notes.recording_attach(meeting=meeting, upload=recording())


@pytest.mark.django_db(transaction=True)
def test_a_recording_the_task_missed_is_found_for_the_retention_run(committed_db):
    # privacy.retention's daily run deletes these (tests/privacy/test_retention.py).
    member = make_member()
    meeting = held_meeting(member, present=[member], consents={member: True})
    notes.note_save(meeting=meeting, text="Note")
    name = notes.recording_attach(meeting=meeting, upload=recording()).recording.name
    MeetingNote.objects.filter(meeting=meeting).update(status="FINAL")  # as if the task was lost

    (left,) = notes.recordings_left_on_final_notes()
    assert notes.recording_delete(note=left) is True
    assert not default_storage.exists(name)
    assert list(notes.recordings_left_on_final_notes()) == []


@pytest.mark.django_db(transaction=True)
def test_deleting_a_note_deletes_its_file(committed_db):
    member = make_member()
    meeting = held_meeting(member, present=[member], consents={member: True})
    name = notes.recording_attach(meeting=meeting, upload=recording()).recording.name

    MeetingNote.objects.filter(meeting=meeting).delete()

    assert not default_storage.exists(name)

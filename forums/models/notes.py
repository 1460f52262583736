"""A meeting's note, draft then final, its recording, deleted once the note is final,
and each member's answer about recording that meeting."""

import pathlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .memberships import Membership
from .status_events import StatusEvent


def recording_path(note, filename):
    """Recordings are stored under a random name: the file name says nothing."""
    return f"recordings/{secrets.token_hex(16)}{pathlib.Path(filename).suffix.lower()[:8]}"


class MeetingNote(models.Model):
    """The note of a meeting, draft then final. A recording may be attached only when
    every member present consented to it; it is deleted once the note is final."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        FINAL = "FINAL", _("Final")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="note")
    text = models.TextField(_("note"), max_length=20000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    recording = models.FileField(_("recording"), upload_to=recording_path, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    recording_deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"note {self.pk}"


# A note is made final once, and stays final.
NOTE_MOVES = {
    MeetingNote.Status.DRAFT: {MeetingNote.Status.FINAL},
    MeetingNote.Status.FINAL: set(),
}


class MeetingNoteEvent(StatusEvent):
    note = models.ForeignKey(MeetingNote, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"note {self.note_id}: {self.from_status} -> {self.to_status}"


class RecordingConsent(models.Model):
    """A member's answer about recording one meeting, in the wording they were shown
    (an applications.ConsentDocument of kind RECORDING). Every answer is kept; the
    latest counts. The application's own consents are the consent register's
    (applications.Consent)."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="recording_consents"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="recording_consents"
    )
    document = models.ForeignKey(
        "applications.ConsentDocument", on_delete=models.PROTECT, related_name="+"
    )
    given = models.BooleanField()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"recording consent {self.pk}"

"""Meetings, who came to each (the register), and members' invitations and answers."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Forum

from .memberships import Membership

COMING_WEEKS = 6


def coming(now=None):
    """Meetings in the next six weeks, cancelled ones left out."""
    now = now or timezone.now()
    return models.Q(
        cancelled=False,
        starts_at__gte=now,
        starts_at__lt=now + datetime.timedelta(weeks=COMING_WEEKS),
    )


def with_unanswered_invitations(now=None):
    """Coming meetings with an invitation not answered yet."""
    unanswered = Invitation.objects.filter(
        meeting=models.OuterRef("pk"), response=Invitation.Response.NO_ANSWER
    )
    return coming(now) & models.Q(models.Exists(unanswered))


def with_access_needs(now=None):
    """Coming meetings where a member who has not said no has told us of access needs
    for the meeting: to arrange before it."""
    needs = Invitation.objects.filter(meeting=models.OuterRef("pk")).exclude(
        models.Q(access_needs="") | models.Q(response=Invitation.Response.NOT_ATTENDING)
    )
    return coming(now) & models.Q(models.Exists(needs))


def recording_waiting():
    """Meetings with a recording whose note is not final yet (the recording is deleted
    once it is)."""
    from .notes import MeetingNote  # notes import meetings

    waiting = MeetingNote.objects.filter(
        meeting=models.OuterRef("pk"), status=MeetingNote.Status.DRAFT
    ).exclude(recording="")
    return models.Q(models.Exists(waiting))


def support_waiting():
    """Meetings after which a member asked for someone to contact them for support, and
    nobody has been in touch yet."""
    from .support import SupportRequest  # support imports meetings

    waiting = SupportRequest.objects.filter(
        meeting=models.OuterRef("pk"), status=SupportRequest.Status.OPEN
    )
    return models.Q(models.Exists(waiting))


class MeetingQuerySet(models.QuerySet):
    def coming(self, now=None):
        return self.filter(coming(now))

    def with_unanswered_invitations(self, now=None):
        return self.filter(with_unanswered_invitations(now))

    def with_access_needs(self, now=None):
        return self.filter(with_access_needs(now))

    def recording_waiting(self):
        return self.filter(recording_waiting())

    def support_waiting(self):
        return self.filter(support_waiting())


class Meeting(models.Model):
    """A forum meeting: about every six weeks, two hours, an evening in central London,
    in person, online or both. The joining link is shown only to the forum's people."""

    class Mode(models.TextChoices):
        IN_PERSON = "IN_PERSON", _("In person")
        ONLINE = "ONLINE", _("Online")
        HYBRID = "HYBRID", _("In person and online")

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    joining_link = models.URLField(_("joining link (private)"), blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    # The iCalendar SEQUENCE: raised by every change sent to members as an update.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["forum", "starts_at"])]

    def __str__(self):
        return f"{self.forum} meeting {self.pk}"


class Attendance(models.Model):
    """Whether a member came to a meeting, taken per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")
        ]

    def __str__(self):
        return f"attendance {self.pk}"


class Invitation(models.Model):
    """A member's invitation to a meeting and their answer. `sent_sequence` is the
    calendar version last emailed: a change to the meeting is sent as an update."""

    class Response(models.TextChoices):
        NO_ANSWER = "NO_ANSWER", _("Not answered yet")
        ATTENDING = "ATTENDING", _("Attending")
        NOT_ATTENDING = "NOT_ATTENDING", _("Not attending")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    response = models.CharField(
        _("answer"), max_length=20, choices=Response.choices, default=Response.NO_ANSWER
    )
    access_needs = models.TextField(_("access needs for this meeting"), max_length=1000, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_sequence = models.PositiveIntegerField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="invited_once")
        ]

    def __str__(self):
        return f"invitation {self.pk}"

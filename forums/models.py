import datetime
import functools
import pathlib
import secrets

from django.conf import settings
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vvf.dates import years_after

# Each forum has 10 to 12 members and runs for two years from its launch.
MEMBERS_AT_LEAST = 10
MEMBERS_AT_MOST = 12
TENURE_YEARS = 2


class Organisation(models.Model):
    """Who runs a forum: MOPAC itself, or the external partner that runs the Disabled
    and LGBTQ+ forums (whose staff see those forums only)."""

    class Kind(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        EXTERNAL_PARTNER = "EXTERNAL_PARTNER", _("External partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organisations",
        verbose_name=_("staff of this organisation"),
        help_text=_("External partner staff see the forums their organisation runs."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ForumQuerySet(models.QuerySet):
    def recruiting(self):
        return self.filter(is_recruiting=True)


def recruiting_ids():
    """The ids of the forums open for applications.

    Every page of the online application checks the applicant's chosen forums against
    these, so the query is built from `recruiting()` once a process and then only run:
    building it took twice as long as running it."""
    sql, params = _recruiting_ids_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}


@functools.cache
def _recruiting_ids_query():
    return Forum.objects.recruiting().order_by().values_list("pk").query.sql_with_params()


class Forum(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    run_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="forums", verbose_name=_("run by")
    )
    is_recruiting = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("The pilot forum is not open for applications."),
    )
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_forums",
        verbose_name=_("independent facilitators"),
    )
    mps_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("MPS representatives"),
    )
    mopac_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("MOPAC representatives"),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        permissions = [("work_with_forum", "Work with this forum's members and meetings")]

    def __str__(self):
        return self.name

    @property
    def tenure_ends_on(self):
        """Two years from the launch; None before a launch date is set."""
        return years_after(self.launch_date, TENURE_YEARS) if self.launch_date else None

    def current_members(self, today=None):
        return self.memberships.current(today)

    @property
    def over_capacity(self):
        return self.current_members().count() > MEMBERS_AT_MOST


def current(today=None):
    """Members on `today` (London): started, and their tenure not yet ended."""
    today = today or timezone.localdate()
    return models.Q(started_on__lte=today) & (
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today)
    )


TENURE_ENDING_DAYS = 90


def tenure_ending(today=None, days=TENURE_ENDING_DAYS):
    """Current members whose tenure ends in the next `days` days, today included."""
    today = today or timezone.localdate()
    return current(today) & models.Q(ended_on__lte=today + datetime.timedelta(days=days))


class MembershipQuerySet(models.QuerySet):
    def current(self, today=None):
        return self.filter(current(today))

    def tenure_ending(self, today=None):
        return self.filter(tenure_ending(today))


class Membership(models.Model):
    """An accepted applicant's place on a forum. Their tenure ends with the forum's, or
    earlier when they leave; the retention clock starts then."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="membership"
    )
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="memberships")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(
        _("tenure ends on"),
        null=True,
        blank=True,
        help_text=_("The forum's tenure end, or the day they left."),
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "started_on"]

    def __str__(self):
        return f"membership {self.pk}"


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
    waiting = MeetingNote.objects.filter(
        meeting=models.OuterRef("pk"), status=MeetingNote.Status.DRAFT
    ).exclude(recording="")
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


class AgendaItem(models.Model):
    """Something to discuss at a meeting: proposed by a member from their own page, or
    added by the people who run the forum. A declined item keeps a short reason the
    member sees; merged items point at the item they joined."""

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Proposed")
        ACCEPTED = "ACCEPTED", _("On the agenda")
        MERGED = "MERGED", _("Merged with another item")
        DECLINED = "DECLINED", _("Not on the agenda")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("item"), max_length=200)
    detail = models.TextField(_("more detail"), max_length=1000, blank=True)
    proposed_by = models.ForeignKey(
        Membership,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agenda_proposals",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_items"
    )
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"agenda item {self.pk}"


_Item = AgendaItem.Status
# A proposed item is decided once: on the agenda, merged with another, or not on it.
AGENDA_ITEM_MOVES = {
    _Item.PROPOSED: {_Item.ACCEPTED, _Item.MERGED, _Item.DECLINED},
    _Item.ACCEPTED: set(),
    _Item.MERGED: set(),
    _Item.DECLINED: set(),
}


class StatusEvent(models.Model):
    """A status move of a forum's record: from what, to what, by whom, why and when. It
    copies nothing else of the record, and goes when the record goes."""

    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


class AgendaItemEvent(StatusEvent):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"agenda item {self.item_id}: {self.from_status} -> {self.to_status}"


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


def receipt_path(claim, filename):
    return f"receipts/{secrets.token_hex(16)}{pathlib.Path(filename).suffix.lower()[:8]}"


def claim_to_decide():
    return models.Q(status=ExpenseClaim.Status.SUBMITTED)


def claim_not_yet_exported():
    """Approved, and in no month's finance spreadsheet yet (services.claims.claims_export
    marks each claim it puts in one)."""
    return models.Q(status=ExpenseClaim.Status.APPROVED, exported_at__isnull=True)


class ExpenseClaimQuerySet(models.QuerySet):
    def to_decide(self):
        return self.filter(claim_to_decide())

    def not_yet_exported(self):
        return self.filter(claim_not_yet_exported())


class ExpenseClaim(models.Model):
    """A member's claim for costs, or the incentive, for a meeting they attended."""

    class Kind(models.TextChoices):
        TRAVEL = "TRAVEL", _("Travel")
        CHILDCARE = "CHILDCARE", _("Childcare or care")
        OTHER = "OTHER", _("Other costs")
        INCENTIVE = "INCENTIVE", _("Incentive for taking part")

    class Status(models.TextChoices):
        SUBMITTED = "SUBMITTED", _("Waiting for a decision")
        APPROVED = "APPROVED", _("Approved")
        REJECTED = "REJECTED", _("Not approved")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="claims")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(_("what for"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=7, decimal_places=2)
    description = models.CharField(_("description"), max_length=300, blank=True)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    # When it first went into a month's spreadsheet for finance.
    exported_at = models.DateTimeField(null=True, blank=True)

    objects = ExpenseClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "decided_at"])]

    def __str__(self):
        return f"claim {self.pk}"


_Claim = ExpenseClaim.Status
# A claim is decided once: approved, or not approved with a reason the member sees.
CLAIM_MOVES = {
    _Claim.SUBMITTED: {_Claim.APPROVED, _Claim.REJECTED},
    _Claim.APPROVED: set(),
    _Claim.REJECTED: set(),
}


class ExpenseClaimEvent(StatusEvent):
    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"claim {self.claim_id}: {self.from_status} -> {self.to_status}"


class MemberLink(models.Model):
    """A sign-in link emailed to a member: signed, expiring and single use. The nonce is
    in the signed token; the row goes when the link is used or expires."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="links")
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"member link {self.pk}"

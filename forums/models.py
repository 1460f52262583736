from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Each forum has 10 to 12 members and runs for two years from its launch.
MEMBERS_AT_LEAST = 10
MEMBERS_AT_MOST = 12
TENURE_YEARS = 2


def years_after(day, years):
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Organisation(models.Model):
    """Who runs a forum: MOPAC itself, or the external partner that runs the Disabled
    and LGBTQ+ forums (whose staff see those forums only)."""

    class Kind(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        EXTERNAL_PARTNER = "EXTERNAL_PARTNER", _("External partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations",
        verbose_name=_("staff of this organisation"),
        help_text=_("External partner staff see the forums their organisation runs."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ForumQuerySet(models.QuerySet):
    def recruiting(self):
        return self.filter(is_recruiting=True)


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
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_forums",
        verbose_name=_("independent facilitators"),
    )  # fmt: skip
    mps_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+",
        verbose_name=_("MPS representatives"),
    )  # fmt: skip
    mopac_representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+",
        verbose_name=_("MOPAC representatives"),
    )  # fmt: skip

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
        today = today or timezone.localdate()
        return self.memberships.filter(started_on__lte=today).exclude(ended_on__lt=today)

    @property
    def over_capacity(self):
        return self.current_members().count() > MEMBERS_AT_MOST


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

    class Meta:
        ordering = ["forum", "started_on"]

    def __str__(self):
        return f"membership {self.pk}"


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

"""Anonymised feedback, recommendations tracked to an answer, and monthly reports.

Nothing here names a member: feedback text is checked before it is saved, and the other
rows hold ids of forums, meetings and staff users only.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles


class Theme(models.Model):
    """The managed list of themes (first contact and reporting, ...). Staff may add
    themes; a theme in use is kept."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class FeedbackItem(models.Model):
    forum = models.ForeignKey("programme.Forum", on_delete=models.PROTECT, related_name="feedback")
    meeting = models.ForeignKey("forums.Meeting", on_delete=models.PROTECT, related_name="feedback")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="items")
    text = models.TextField(_("what the forum said"), max_length=3000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["forum", "recorded_at"])]

    def __str__(self):
        return f"feedback {self.pk}"


class Status(models.TextChoices):
    RAISED = "RAISED", _("Raised by the forum")
    SENT = "SENT", _("Sent to the Lead Responsible Officer")
    UNDER_REVIEW = "UNDER_REVIEW", _("Under review by the Head of Profession")
    IN_PROGRESS = "IN_PROGRESS", _("Accepted: in progress")
    DONE = "DONE", _("Accepted: done")
    NOT_PURSUED = "NOT_PURSUED", _("Not pursued")
    FED_BACK = "FED_BACK", _("Fed back to the forum")


# Every move a recommendation may make. "Not pursued" needs an explanation for the
# forum; "fed back" needs the meeting it was fed back at.
TRANSITIONS = {
    Status.RAISED: {Status.SENT},
    Status.SENT: {Status.UNDER_REVIEW},
    Status.UNDER_REVIEW: {Status.IN_PROGRESS, Status.NOT_PURSUED},
    Status.IN_PROGRESS: {Status.DONE, Status.FED_BACK},
    Status.DONE: {Status.FED_BACK},
    Status.NOT_PURSUED: {Status.FED_BACK},
    Status.FED_BACK: set(),
}
# The moves each role makes: the forum's side sends and feeds back, the police answer.
ROLE_MOVES = {
    roles.VVF_STAFF: {Status.SENT, Status.FED_BACK},
    roles.FACILITATOR: {Status.SENT, Status.FED_BACK},
    roles.POLICE_LEAD: {Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.NOT_PURSUED, Status.DONE},
}
# The answer: moves only police leads make.
ANSWERS = {Status.IN_PROGRESS, Status.NOT_PURSUED}
# Outstanding: not yet answered.
OUTSTANDING = {Status.RAISED, Status.SENT, Status.UNDER_REVIEW}


UNANSWERED_DAYS = 90


def unanswered_too_long(now=None, days=UNANSWERED_DAYS):
    """Raised more than 90 days ago and not answered yet."""
    now = now or timezone.now()
    return models.Q(status__in=OUTSTANDING, raised_at__lt=now - datetime.timedelta(days=days))


class RecommendationQuerySet(models.QuerySet):
    def unanswered_too_long(self, now=None):
        return self.filter(unanswered_too_long(now))


class Recommendation(models.Model):
    Status = Status

    forum = models.ForeignKey(
        "programme.Forum", on_delete=models.PROTECT, related_name="recommendations"
    )
    meeting = models.ForeignKey(
        "forums.Meeting",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("meeting it came from"),
    )
    title = models.CharField(_("title"), max_length=200)
    detail = models.TextField(_("detail"), max_length=3000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_recommendations",
        verbose_name=_("officer who owns it"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RAISED)
    # Was it accepted? Kept after it is fed back, for "you said, we did".
    accepted = models.BooleanField(null=True)
    explanation = models.TextField(_("explanation for the forum"), max_length=3000, blank=True)
    fed_back_at = models.ForeignKey(
        "forums.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fed back at"),
    )
    raised_at = models.DateTimeField(default=timezone.now)
    status_changed_at = models.DateTimeField(default=timezone.now)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["forum", "status"])]

    def __str__(self):
        return self.title

    def allowed_moves(self):
        return sorted(TRANSITIONS[Status(self.status)], key=list(Status).index)


class RecommendationEvent(models.Model):
    """The timeline: every change, who made it, when, and the words they used."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    words = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.recommendation_id}: {self.from_status} -> {self.to_status}"


class MonthlyReport(models.Model):
    """A month's report, for one forum or (forum empty) for all. Its content is computed
    from anonymised rows and stored as generated, so it reads the same later."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    forum = models.ForeignKey(
        "programme.Forum", null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    content = models.JSONField()
    generated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "forum"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "forum"],
                name="one_report_per_forum_month",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return f"report {self.month:%Y-%m}"

"""The records of the privacy rules. Their tables keep the names they had in the apps
they came from (applications, audit), so moving them here moved no row."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionHold(models.Model):
    """A hold on deleting an application (a complaint, a legal claim): the retention
    sweep skips it and reports it until staff lift it."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="retention_hold"
    )
    reason = models.CharField(_("reason"), max_length=300)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "applications_retentionhold"

    def __str__(self):
        return f"hold {self.pk}"


class RetentionTombstone(models.Model):
    """What a retention run deleted: the day, the rule and how many records. Nothing
    about whom."""

    day = models.DateField()
    rule = models.CharField(max_length=60)
    deleted = models.PositiveIntegerField()
    held = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "audit_retentiontombstone"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.day} {self.rule}: {self.deleted}"


class RetentionHeartbeat(models.Model):
    """One row per completed run: /healthz reports retention as failing when none has
    completed for 26 hours."""

    completed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "audit_retentionheartbeat"

    def __str__(self):
        return f"retention run {self.completed_at:%Y-%m-%d %H:%M}"


class RetentionCount(models.Model):
    """What reports still need once people are deleted: how many applications each
    forum had, by the month of their outcome and the outcome. No equality data, no ids."""

    forum = models.ForeignKey("programme.Forum", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month of the outcome.")
    outcome = models.CharField(max_length=20)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "audit_retentioncount"
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "month", "outcome"], name="one_count_per_forum_month_outcome"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.outcome}: {self.count}"

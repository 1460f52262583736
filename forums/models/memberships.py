"""A member's place on a forum, from the day they start to the end of their tenure."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Forum


def current(today=None):
    """Members on `today` (London): started, their tenure not yet ended, and not left
    (the day someone leaves, they are no longer a member)."""
    today = today or timezone.localdate()
    return (
        models.Q(started_on__lte=today)
        & (models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today))
        & ~models.Q(left_on__lte=today)
    )


# Each forum has 10 to 12 members.
MEMBERS_AT_LEAST = 10
MEMBERS_AT_MOST = 12

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
    # The member's own choice, on their opportunities page.
    opportunity_emails = models.BooleanField(
        _("emailed when a new opportunity is published"), default=True
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "started_on"]

    def __str__(self):
        return f"membership {self.pk}"


def current_members(forum, today=None):
    """The forum's members on `today` (London)."""
    return Membership.objects.current(today).filter(forum=forum)


def over_capacity(forum):
    """More than MEMBERS_AT_MOST members today: allowed, with a warning to staff."""
    return current_members(forum).count() > MEMBERS_AT_MOST

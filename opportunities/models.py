"""Opportunities beyond the meetings, as the information sheet promises (observing police
training, helping with an issue of community concern, a further initiative of the Met),
and the members who say they are interested."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Membership, StatusEvent
from programme.models import Forum


class OpportunityQuerySet(models.QuerySet):
    def open(self, today=None):
        """Published and not past its closing date (London)."""
        today = today or timezone.localdate()
        return self.filter(status=Opportunity.Status.PUBLISHED, closes_on__gte=today)


class Opportunity(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "TRAINING", _("Observing police training")
        COMMUNITY_CONCERN = "COMMUNITY_CONCERN", _("Helping with an issue of community concern")
        MET_INITIATIVE = "MET_INITIATIVE", _("A further initiative of the Met")

    class RunBy(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        MET = "MET", _("The Met (Metropolitan Police Service)")
        PARTNER = "PARTNER", _("The external partner")

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        PUBLISHED = "PUBLISHED", _("Published")
        CLOSED = "CLOSED", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    run_by = models.CharField(_("run by"), max_length=20, choices=RunBy.choices)
    description = models.TextField(_("what it is"), max_length=3000)
    asks = models.TextField(_("what it asks of people"), max_length=2000)
    where = models.CharField(_("where"), max_length=300)
    when = models.CharField(
        _("when"), max_length=300, help_text=_("For example, Tuesday 12 January, 10am to 1pm")
    )
    access = models.TextField(
        _("access arrangements"),
        max_length=2000,
        help_text=_("Step-free access, hearing loops, interpreters, travel and care costs."),
    )
    closes_on = models.DateField(_("closing date"), help_text=_("The last day to say yes."))
    forums = models.ManyToManyField(
        Forum, related_name="opportunities", verbose_name=_("open to the members of")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    # Set by the task that emails the members, so that they are emailed once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = _("opportunities")

    def __str__(self):
        return self.title

    def can_move_to(self, status):
        """Whether OPPORTUNITY_MOVES allows the move from where it is now."""
        return status in OPPORTUNITY_MOVES[self.status]

    @property
    def shares_with_the_met(self):
        """Run by the Met: the interested members who consent are passed to the Met."""
        return self.run_by == self.RunBy.MET


# What whoever writes an opportunity says of it, in this order: in the admin and on the
# forum people's page alike.
WRITTEN = [
    "title",
    "kind",
    "run_by",
    "description",
    "asks",
    "where",
    "when",
    "access",
    "closes_on",
    "forums",
]

_Status = Opportunity.Status
# Published once, closed once; a draft that is not needed is closed without publishing.
OPPORTUNITY_MOVES = {
    _Status.DRAFT: {_Status.PUBLISHED, _Status.CLOSED},
    _Status.PUBLISHED: {_Status.CLOSED},
    _Status.CLOSED: set(),
}


class OpportunityEvent(StatusEvent):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"opportunity {self.opportunity_id}: {self.from_status} -> {self.to_status}"


class Interest(models.Model):
    """A member who said they are interested, with what they need. Withdrawing deletes
    it; it goes with the member under the retention rules."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interests")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="opportunity_interests"
    )
    needs = models.TextField(_("what you need"), max_length=1000, blank=True)
    registered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "membership"], name="one_interest_per_member"
            )
        ]

    def __str__(self):
        return f"interest {self.pk}"

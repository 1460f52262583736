"""Members' claims for costs or the incentive, decided once by VVF staff."""

import pathlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .memberships import Membership
from .status_events import StatusEvent


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

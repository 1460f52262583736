import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vvf.encryption import EncryptedTextField

CHECK_TAKES = datetime.timedelta(weeks=6)


def waiting_for_result():
    """Requested, and the result not yet recorded."""
    return models.Q(result="", application__status="PNC_CHECK")


def overdue(today=None):
    """Waiting for the result for more than six weeks."""
    today = today or timezone.localdate()
    return waiting_for_result() & models.Q(requested_on__lt=today - CHECK_TAKES)


class PncCheckQuerySet(models.QuerySet):
    def waiting_for_result(self):
        return self.filter(waiting_for_result())

    def overdue(self, today=None):
        return self.filter(overdue(today))


class PncCheck(models.Model):
    """A Police National Computer check of one applicant. When it is complete only that
    fact and its date remain, whatever it found: a check that disclosed something reads
    the same as one that found no record once the panel decides (decision 15)."""

    class Result(models.TextChoices):
        COMPLETE = "COMPLETE", _("Complete")
        # Only while the suitability panel decides.
        DISCLOSURE = "DISCLOSURE", _("Disclosure: with the suitability panel")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="pnc_check"
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day the check was complete: the result's day for no record, the panel's
    # decision's day for a disclosure.
    result_received_on = models.DateField(_("complete on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)

    objects = PncCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("PNC check")

    def __str__(self):
        return f"PNC check {self.pk}"

    @property
    def due_on(self):
        return self.requested_on + CHECK_TAKES

    @property
    def is_overdue(self):
        return not self.result and timezone.localdate() > self.due_on


class Disclosure(models.Model):
    """A conviction or caution the check disclosed. Every text is encrypted at rest, and
    the row is deleted the moment the panel decides."""

    check_record = models.ForeignKey(PncCheck, on_delete=models.CASCADE, related_name="disclosures")
    offence = EncryptedTextField(_("offence"))
    offence_date = EncryptedTextField(_("date"))
    disposal = EncryptedTextField(_("disposal"))
    notes = EncryptedTextField(_("notes"), blank=True)

    def __str__(self):
        return f"disclosure {self.pk}"


def waiting_for_seat(seat):
    """Open cases whose `seat` has not decided yet."""
    undecided = PanelSeat.objects.filter(case=models.OuterRef("pk"), seat=seat, decision="")
    return models.Q(models.Exists(undecided))


class SuitabilityCaseQuerySet(models.QuerySet):
    def waiting_for_seat(self, seat):
        return self.filter(waiting_for_seat(seat))


class SuitabilityCase(models.Model):
    """The three-way panel on one applicant with a disclosure, while it decides. It is
    deleted, with its seats and its access log, the moment the panel decides or the
    application ends (decision 15)."""

    class Outcome(models.TextChoices):
        ACCEPT = "ACCEPT", _("Accept the application")
        WITHDRAW = "WITHDRAW", _("Withdraw the application")

    check_record = models.OneToOneField(
        PncCheck, on_delete=models.CASCADE, related_name="suitability_case"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    result_received_on = models.DateField(_("result received on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = SuitabilityCaseQuerySet.as_manager()

    class Meta:
        permissions = [("sit_on_panel", "Sit on this suitability panel")]

    def __str__(self):
        return f"suitability case {self.pk}"

    @property
    def application(self):
        return self.check_record.application


class PanelSeat(models.Model):
    class Seat(models.TextChoices):
        MOPAC = "MOPAC", _("MOPAC")
        MPS = "MPS", _("Metropolitan Police Service")
        FACILITATOR = "FACILITATOR", _("Forum facilitator")

    case = models.ForeignKey(SuitabilityCase, on_delete=models.CASCADE, related_name="seats")
    seat = models.CharField(max_length=20, choices=Seat.choices)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=SuitabilityCase.Outcome.choices, blank=True)
    # Reasons can quote the record: encrypted, and emptied when the panel decides.
    rationale = EncryptedTextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["seat"]
        constraints = [models.UniqueConstraint(fields=["case", "seat"], name="one_member_a_seat")]

    def __str__(self):
        return f"seat {self.pk}"


class DisclosureView(models.Model):
    """Who looked at a case's disclosure, and when, while the case is open. No PNC
    content. It goes with the case; the audit trail keeps who viewed criminal record
    information on which day, tied to no one."""

    case = models.ForeignKey(SuitabilityCase, on_delete=models.CASCADE, related_name="views")
    viewer_id = models.BigIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"disclosure view {self.pk}"

"""Support after a meeting: a member who came asks for someone to contact them. Only VVF
staff and the forum's facilitators see the request; whoever responds closes it, with no
note of what was said. It goes with the member under the retention rules."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.choices import ContactMethod

from .meetings import Meeting
from .memberships import Membership
from .status_events import StatusEvent


class SupportRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=SupportRequest.Status.OPEN)


class SupportRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "OPEN", _("Waiting for someone to get in touch")
        CLOSED = "CLOSED", _("Someone has been in touch")

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="support_requests"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="support_requests")
    contact_by = models.CharField(
        _("how they would like to be contacted"), max_length=10, choices=ContactMethod.choices
    )
    words = models.TextField(_("what they said"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=models.Q(status="OPEN"),
                name="one_open_support_request",
            )
        ]

    def __str__(self):
        return f"support request {self.pk}"


_Support = SupportRequest.Status
# Closed once, by whoever got in touch.
SUPPORT_REQUEST_MOVES = {_Support.OPEN: {_Support.CLOSED}, _Support.CLOSED: set()}


class SupportRequestEvent(StatusEvent):
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"support request {self.request_id}: {self.from_status} -> {self.to_status}"

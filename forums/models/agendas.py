"""Agenda items: proposed by members or added by the forum's people, then decided once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .meetings import Meeting
from .memberships import Membership
from .status_events import StatusEvent


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


class AgendaItemEvent(StatusEvent):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="events")

    def __str__(self):
        return f"agenda item {self.item_id}: {self.from_status} -> {self.to_status}"

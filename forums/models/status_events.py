"""The event row each status move of an agenda item, a claim or a note writes."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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

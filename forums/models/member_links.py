"""Members' sign-in links."""

from django.db import models
from django.utils import timezone

from .memberships import Membership


class MemberLink(models.Model):
    """A sign-in link emailed to a member: signed, expiring and single use. The nonce is
    in the signed token; the row goes when the link is used or expires."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="links")
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"member link {self.pk}"

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L or U: a reference read out over the phone cannot be misheard.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference():
    """An unguessable reference such as VVF-7K3P-9QXM (about 39 bits of randomness)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"VVF-{chars[:4]}-{chars[4:]}"


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "SUBMITTED", _("Submitted")
        IN_REVIEW = "IN_REVIEW", _("In review")
        ONBOARDING = "ONBOARDING", _("Onboarding conversation")
        PNC_CHECK = "PNC_CHECK", _("PNC check")
        PANEL = "PANEL", _("Suitability panel")
        ACCEPTED = "ACCEPTED", _("Accepted")
        UNSUCCESSFUL = "UNSUCCESSFUL", _("Unsuccessful")
        WITHDRAWN = "WITHDRAWN", _("Withdrawn")

    reference = models.CharField(
        _("reference"), max_length=13, unique=True, default=new_reference, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    forums = models.ManyToManyField("forums.Forum", related_name="applications")
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email address"), max_length=254)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.reference

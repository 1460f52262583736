"""Holds: staff stop the retention sweep deleting an application (a complaint, a legal
claim) until they lift the hold. Placing and lifting are audited; the sweep skips held
rows and counts them in its tombstone (privacy/retention.py)."""

from django.db import models, transaction

from audit.services import Action, audit_record

from .models import RetentionHold


def held():
    """The condition for applications held from deletion."""
    return models.Q(retention_hold__isnull=False)


@transaction.atomic
def hold_place(*, application, reason, by):
    """Stops the sweep deleting this application until the hold is lifted."""

    if not reason.strip():
        raise ValueError("Give the reason for the hold.")
    hold, _created = RetentionHold.objects.update_or_create(
        application=application, defaults={"reason": reason.strip(), "placed_by": by}
    )
    audit_record(actor=by, action=Action.CHANGE, obj=application, detail="retention hold placed")
    return hold


@transaction.atomic
def hold_lift(*, application, by):

    RetentionHold.objects.filter(application=application).delete()
    audit_record(actor=by, action=Action.CHANGE, obj=application, detail="retention hold lifted")

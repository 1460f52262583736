from .models import AuditEntry

Action = AuditEntry.Action


def audit_record(*, actor, action, obj=None, object_type="", object_ref="", detail=""):
    """Writes one audit entry. `obj` gives the record's type and opaque reference (its
    `reference` when it has one, else its id); `detail` must hold no personal data."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_ref = object_ref or str(getattr(obj, "reference", None) or obj.pk)
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_ref=object_ref,
        detail=detail[:200],
    )

import datetime
import enum

from django.utils import timezone

from .models import AuditEntry

Action = AuditEntry.Action

# Every detail the trail may hold, written here in code: fixed words, with {} where a
# count, a date or a code goes. Nothing a person typed can reach the trail, because a
# detail is one of these and what fills it is a number, a date or a member of one of
# the service's choices (decision 15).
DETAILS = frozenset(
    {
        "",
        "list",
        "{} rows",
        "{} rows, with equality answers",
        "{} approved claims, {:%Y-%m}",
        "password set by staff",
        "unknown account",
        "subject access, page",
        "subject access, JSON file",
        "status {}",
        "onboarding {}",
        "changed: {}",
        "retention hold placed",
        "retention hold lifted",
        "erased on request: {}",
        "result recorded",
        "criminal record information recorded",
        "criminal record information viewed",
        "panel seat decision",
        "representation",
        "members",
        "meeting page",
        "member of a forum",
        "left",
        "attendance",
        "receipt",
        "recording deleted",
        "claim {}",
        "claim {} -> {}",
        "imported {} members",
        "generated",
        "encrypted XLSX",
        "invitations sent",
        "agenda published",
        "agenda item added",
        "agenda item decided",
        "note saved",
        "recording attached",
        "note finalised",
        "meeting changed",
        "meeting cancelled",
        "{} members shared with the Met",
        "support request closed",
    }
)


def _checked(value):
    """A count, a date or a code: never text."""
    if isinstance(value, bool) or not isinstance(value, int | datetime.date | enum.Enum):
        raise ValueError(f"The audit trail holds counts, dates and codes, not {type(value)}.")
    return value.value if isinstance(value, enum.Enum) else value


def audit_record(
    *,
    actor,
    action,
    obj=None,
    object_type="",
    object_id=None,
    detail="",
    values=(),
    fields=(),
    at=None,
):
    """Writes one audit entry: who (a user id), what, which record (its type and its
    internal id, never the reference applicants are given) and one of DETAILS, filled
    with `values` (counts, dates, codes). `fields` are names of the record's model
    fields, for a change. Refuses anything else, so that no personal data gets in."""
    if detail not in DETAILS:
        raise ValueError(f"‘{detail}’ is not one of the audit trail's details.")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk
    if object_id is not None and not isinstance(object_id, int):
        raise ValueError("The audit trail names a record by its internal id.")
    if fields:
        names = {field.name for field in obj._meta.get_fields()}
        values = [", ".join(name for name in fields if name in names)]
    else:
        values = [_checked(value) for value in values]
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_ref="" if object_id is None else str(object_id),
        detail=detail.format(*values)[:200],
        at=at or timezone.now(),
    )


def audit_untied(*, actor, action, object_type, detail):
    """An entry that must not be tied to anyone once its record is gone (criminal record
    information: who saw it, or decided on it, and on which day; decision 15). It names
    no record and keeps the day only, so that its time cannot be matched to the moment
    an application moved on."""
    day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return audit_record(actor=actor, action=action, object_type=object_type, detail=detail, at=day)

"""The retention rules of DOMAIN.md, in one place.

Each rule finds what is due by a cut-off computed in Python from one "now" (London
dates), deletes it in bounded batches, and leaves a tombstone (day, rule, how many). A
run ends with a heartbeat row. Deleting an application deletes everything that hangs
from it: consents, equality answers, events, onboarding notes, PNC data, membership,
attendance, invitations, agenda proposals, expense claims with their receipts, links.

Run daily by Celery beat (`privacy.tasks.enforce_retention`) and on demand with
`python manage.py enforce_retention [--dry-run]`. Staff erase one person on request
with `erase`, through the same deletion. Holds are privacy/holds.py.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import UNSUCCESSFUL, Application, SavedDraft
from audit.models import AuditEntry
from audit.services import Action, audit_record
from vvf.dates import duration_in_words, months_after, months_before

from . import cascade, ledger
from .models import RetentionCount, RetentionHeartbeat, RetentionHold, RetentionTombstone

# How far ahead staff see the deletions due (the programme home, the deletions page and
# the applications list's filter).
DELETION_DAYS = 30


def check_periods():
    """settings.RETENTION against the policy's least (settings.RETENTION_POLICY): the
    information sheet's promise, and the audit trail's own period (docs/security.md,
    "How long the audit trail is kept"), cannot be broken by a mistaken setting."""
    for name, least in settings.RETENTION_POLICY.items():
        if settings.RETENTION[name] < least:
            raise ImproperlyConfigured(
                f"RETENTION[{name!r}] is {settings.RETENTION[name]} months: the policy keeps "
                f"data for {least} months; retention will not run with less."
            )


@dataclass
class Due:
    rule: str
    reference: str
    reason: str


def _unsuccessful(today):
    """Unsuccessful applications (withdrawn, not the right time, signposted, withdrawn
    by the panel, not selected), RETENTION["UNSUCCESSFUL_MONTHS"] after the outcome."""

    return Application.objects.filter(_unsuccessful_due(today))


def _unsuccessful_due(today):

    last_outcome_day = months_before(today, settings.RETENTION["UNSUCCESSFUL_MONTHS"])
    cutoff = _end_of_london_day(last_outcome_day)
    return models.Q(status__in=UNSUCCESSFUL, closed_at__lt=cutoff)


def upcoming(days=DELETION_DAYS, now=None):
    """(rule, application) due in the next `days` days, held ones included, for staff."""
    today = timezone.localtime(now or timezone.now()).date()
    later = today + datetime.timedelta(days=days)
    for rule, (finder, _reason) in RULES.items():
        for application in finder(later).select_related("retention_hold").order_by("pk"):
            yield rule, application


def due_within(days=DELETION_DAYS, now=None):
    """The condition for applications the rules will delete in the next `days` days
    (or are due already), held ones left out: they stay until the hold is lifted.
    The programme home counts these and the applications list filters by them; the
    conditions are the rules' own (RULES' finders filter by them)."""
    today = timezone.localtime(now or timezone.now()).date()
    later = today + datetime.timedelta(days=days)

    held = RetentionHold.objects.filter(application=models.OuterRef("pk"))
    due_by_then = _unsuccessful_due(later) | _former_members_due(later)
    # NOT EXISTS, not a join: PostgreSQL's estimate of a join's "no hold" rows chose a
    # nested loop over every application (0.4 s at 50,000).
    return due_by_then & ~models.Q(models.Exists(held))


def _former_members(today):
    """Members RETENTION["MEMBER_MONTHS"] after their tenure ended (leaving early ends
    it): their application and everything hanging from it."""

    return Application.objects.filter(_former_members_due(today))


def _former_members_due(today):
    # A join, not EXISTS: an application has at most one membership (a one-to-one), so
    # no row is counted twice; beside the OR in due_within, PostgreSQL costed an EXISTS
    # as if run once a row (97,600 at 50,000 applications, over the 100,000 at which it
    # compiles the query with JIT: 100 to 380 ms on the programme home's counts).
    last_end_day = months_before(today, settings.RETENTION["MEMBER_MONTHS"])
    return models.Q(membership__ended_on__lte=last_end_day)


def member_deletion(membership):
    """When a member's information is deleted under the rules, in words they can read:
    (the day or None while their tenure has no end yet, why)."""
    months = _months("MEMBER_MONTHS")
    if membership.ended_on is None:
        return None, f"Your information is deleted {months} after your time on the forum ends."
    day = months_after(membership.ended_on, settings.RETENTION["MEMBER_MONTHS"])
    held = RetentionHold.objects.filter(application_id=membership.application_id).exists()
    why = f"Your information is deleted {months} after your time on the forum ends"
    if held:
        return day, why + ", unless we need to keep it a little longer to deal with an open matter."
    return day, why + "."


def _end_of_london_day(day):
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
    return start + datetime.timedelta(days=1)


def _months(name):
    return duration_in_words(settings.RETENTION[name], "months")


RULES = {
    "unsuccessful applications": (
        _unsuccessful,
        lambda a: f"its outcome was more than {_months('UNSUCCESSFUL_MONTHS')} ago",
    ),
    "former members": (
        _former_members,
        lambda a: f"their tenure ended more than {_months('MEMBER_MONTHS')} ago",
    ),
}


def due(now=None):
    """What would go now, by reference only."""
    check_periods()
    today = timezone.localtime(now or timezone.now()).date()

    for rule, (finder, reason) in RULES.items():
        for application in finder(today).only("reference").order_by("pk"):
            if RetentionHold.objects.filter(application=application).exists():
                yield Due(rule, application.reference, "held: " + reason(application))
            else:
                yield Due(rule, application.reference, reason(application))


def _delete_applications(ids):
    """Deletes these applications and everything hanging from them, their stored files
    too once the deletion commits (privacy/cascade.py). Returns how many went. The one
    path every deletion of a person takes: the rules and erasure on request."""

    ids = list(ids)
    _count_for_reports(ids)
    return cascade.delete(Application, ids)


def _count_for_reports(ids):
    """Before people go, the counts reports still need: per forum chosen, month of the
    outcome (or of the tenure's end) and outcome. Nothing else is kept. One grouped
    query a batch."""
    from django.db.models import BooleanField, Case, Count, DateField, F, Value, When
    from django.db.models.expressions import RawSQL
    from django.db.models.functions import Coalesce, TruncMonth

    condition, params = cascade.among(ids)
    quote = connection.ops.quote_name
    pk = f"{quote(Application._meta.db_table)}.{quote(Application._meta.pk.column)}"
    # Names from the model, ids as a parameter (cascade.among).
    in_batch = RawSQL(f"{pk} {condition}", params, output_field=BooleanField())  # nosec B611
    groups = (
        Application.objects.filter(in_batch, forums__isnull=False)
        .annotate(
            month_of=Coalesce(
                TruncMonth("membership__ended_on"),
                TruncMonth(Coalesce("closed_at", "submitted_at"), output_field=DateField()),
            ),
            outcome=Case(
                When(membership__ended_on__isnull=False, then=Value("MEMBER")),
                default=F("status"),
            ),
        )
        .values_list("forums", "month_of", "outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for forum_id, month, outcome, count in groups:
        counted, _ = RetentionCount.objects.get_or_create(
            forum_id=forum_id, month=month, outcome=outcome
        )
        RetentionCount.objects.filter(pk=counted.pk).update(count=F("count") + count)


ERASURE_RULE = "erasure on request"
ERASURE_AGAIN_RULE = "erasure on request, again after a restore"
ERASURE_RULES = (ERASURE_RULE, ERASURE_AGAIN_RULE)


class ErasureReason(models.TextChoices):
    """Why a person is erased on request: a choice, so that the audit trail, which is
    kept, never holds words typed about them (decision 15)."""

    REQUESTED = "REQUESTED", _("The person asked us to erase their data")
    ON_THEIR_BEHALF = "ON_THEIR_BEHALF", _("Someone with the authority to act for them asked")
    OBJECTED = "OBJECTED", _("They objected to how we use their data, and nothing overrides that")
    SHOULD_NOT_HOLD = (
        "SHOULD_NOT_HOLD",
        _("We should not hold it: collected by mistake, or no longer needed"),
    )


@transaction.atomic
def erase(*, application, reason, by):
    """Erases a person on request (their right to erasure): the application and all
    that hangs from it, through the same deletion as the retention rules, whatever its
    stage and even when held. Leaves a tombstone and an audit entry with the reason, one
    of ErasureReason."""

    if reason not in ErasureReason.values:
        raise ValueError("Choose the reason for the erasure.")
    # Lock the row, so a retention run or a second click cannot delete it under us.
    locked = Application.objects.select_for_update().filter(pk=application.pk).first()
    if locked is None:
        raise Application.DoesNotExist("This application has already been deleted.")
    ledger.record(locked.pk)  # outside the database, so a restore cannot undo it
    audit_record(
        actor=by,
        action=Action.DELETE,
        obj=locked,
        detail="erased on request: {}",
        values=[ErasureReason(reason)],
    )
    deleted = _delete_applications([locked.pk])
    RetentionTombstone.objects.create(day=timezone.localdate(), rule=ERASURE_RULE, deleted=deleted)
    return deleted


@transaction.atomic
def erase_again_after_restore():
    """After a backup is restored, with the service closed: erases again everyone the
    erasure ledger lists who is back (erased on request after the backup was taken),
    and moves the applications' ids past every id it lists, so that no new application
    takes an erased person's id and is erased by a later restore. A row written after
    its id's erasure day is someone else: it stays. Leaves a tombstone; returns how
    many went."""

    erased_on = {}
    for day, pk in ledger.entries():
        erased_on[pk] = min(day, erased_on.get(pk, day))
    ids = [
        pk
        for pk, submitted_at in Application.objects.select_for_update()
        .filter(pk__in=list(erased_on))
        .order_by("pk")
        .values_list("pk", "submitted_at")
        if submitted_at < _end_of_london_day(erased_on[pk])
    ]
    deleted = _delete_applications(ids)
    if erased_on and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(s, GREATEST(COALESCE(pg_sequence_last_value(s::regclass), 0), %s))"
                " FROM pg_get_serial_sequence(%s, %s) AS s",
                [max(erased_on), Application._meta.db_table, Application._meta.pk.column],
            )
    RetentionTombstone.objects.create(
        day=timezone.localdate(), rule=ERASURE_AGAIN_RULE, deleted=deleted
    )
    return deleted


def enforce(now=None):
    """Deletes what is due, rule by rule, in batches; returns {rule: how many}.
    Safe to run twice, or twice at once: each batch locks its rows and skips rows
    another run holds."""

    check_periods()
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    last_run = RetentionHeartbeat.objects.aggregate(last=models.Max("completed_at"))["last"]
    counts = {}
    for rule, (finder, _reason) in RULES.items():
        deleted = 0
        held = finder(today).filter(retention_hold__isnull=False).count()
        after = 0  # keyset: each batch starts past the last, not over deleted rows
        while True:
            with transaction.atomic():
                ids = list(
                    finder(today)
                    .filter(retention_hold__isnull=True, pk__gt=after)
                    .select_for_update(skip_locked=True, of=("self",))
                    .order_by("pk")
                    .values_list("pk", flat=True)[: settings.RETENTION_BATCH_SIZE]
                )
                if not ids:
                    break
                deleted += _delete_applications(ids)
                after = ids[-1]
        counts[rule] = deleted
        RetentionTombstone.objects.create(day=today, rule=rule, deleted=deleted, held=held)
    counts.update(_sweeps(now))
    vacuum(_tables_deleted_from(counts, since=last_run))
    RetentionHeartbeat.objects.create(completed_at=timezone.now())
    return counts


def _tables_deleted_from(counts, *, since):
    """The tables this run deleted from, and those of people erased on request since
    the last completed run (`since`), for the VACUUM after it."""
    from forums.models import MeetingNote, MemberLink
    from vetting.models import Disclosure, SuitabilityCase

    people = [step.model for step in cascade.plan(Application)]
    panels = [step.model for step in cascade.plan(SuitabilityCase)]
    deleted_from = {
        "unsuccessful applications": people,
        "former members": people,
        "unfinished forms": [SavedDraft],
        "expired sign-in links": [MemberLink],
        "recordings on final notes": [MeetingNote],
        "PNC data after a decision": [Disclosure, *panels],
        "audit trail": [AuditEntry],
    }
    chosen = [model for rule, deleted in counts.items() if deleted for model in deleted_from[rule]]
    erasures = RetentionTombstone.objects.filter(rule__in=ERASURE_RULES, deleted__gt=0)
    if (erasures.filter(at__gte=since) if since else erasures).exists():
        chosen += people
    return {model._meta.db_table for model in chosen}


def vacuum(tables):
    """VACUUM these tables once their deletions are committed (docs/security.md, "What
    deletion means for PostgreSQL's files"): the dead rows are pruned and the space
    they held is marked for reuse, empty pages at a table's end are cut off. Plain
    VACUUM, which locks out no reader or writer (VACUUM FULL would lock each table while
    rewriting it). Not on SQLite, nor inside a transaction, where VACUUM cannot run.
    Returns the tables vacuumed, sorted."""
    tables = sorted(tables)
    if not tables or connection.vendor != "postgresql" or connection.in_atomic_block:
        return []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Names from the models, never from input.
        cursor.execute("VACUUM " + ", ".join(quote(table) for table in tables))
    return tables


def _pnc_left_after_decision():
    """A safety net behind vetting's own deletion, through it."""
    from vetting.services import pnc_data_left_delete

    return pnc_data_left_delete()


def _sweeps(now):
    """The rules other apps already own, run from here so one run covers them all."""
    from applications.services import drafts_delete_expired
    from forums.services.member_links import member_links_delete_expired
    from forums.services.notes import recording_delete, recordings_left_on_final_notes

    today = timezone.localtime(now).date()
    counts = {
        "unfinished forms": drafts_delete_expired(now=now),
        "expired sign-in links": member_links_delete_expired(now=now),
        "recordings on final notes": sum(
            recording_delete(note=note) for note in recordings_left_on_final_notes()
        ),
        "PNC data after a decision": _pnc_left_after_decision(),
        "audit trail": _audit_entries_expired(today),
    }
    for rule, deleted in counts.items():
        RetentionTombstone.objects.create(day=today, rule=rule, deleted=deleted)
    return counts


def _audit_entries_expired(today):
    """Audit entries made RETENTION["AUDIT_MONTHS"] ago or more (on the same London day
    that many months later, as for the other periods), in batches, each in its own
    transaction, through the audit trail's one sanctioned deletion."""

    before = _end_of_london_day(months_before(today, settings.RETENTION["AUDIT_MONTHS"]))
    deleted = 0
    while True:
        with transaction.atomic():
            batch = AuditEntry.objects.expire(before=before, limit=settings.RETENTION_BATCH_SIZE)
        deleted += batch
        if batch < settings.RETENTION_BATCH_SIZE:
            return deleted


def due_in_a_week(now=None):
    """References that become due exactly seven days from today, held ones included."""
    today = timezone.localtime(now or timezone.now()).date()
    week, day_before = today + datetime.timedelta(days=7), today + datetime.timedelta(days=6)
    found = []
    for _rule, (finder, _reason) in RULES.items():
        earlier = set(finder(day_before).values_list("pk", flat=True))
        found += [
            reference
            for pk, reference in finder(week).order_by("pk").values_list("pk", "reference")
            if pk not in earlier
        ]
    return found

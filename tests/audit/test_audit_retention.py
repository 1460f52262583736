"""The audit trail's own retention period (issue 16, point 3): the sweep deletes entries
older than RETENTION["AUDIT_MONTHS"] through the one sanctioned path, and the trigger on
PostgreSQL still refuses every other change and deletion."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.utils import ProgrammingError
from django.utils import timezone

from audit.models import AppendOnly, AuditEntry
from privacy import retention
from privacy.models import RetentionTombstone

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=12, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def entry(when):
    return AuditEntry.objects.create(at=when, action=AuditEntry.Action.VIEW, object_type="x")


def kept(*entries):
    return set(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]))


def test_an_entry_goes_on_the_day_its_period_ends_and_newer_ones_stay(settings):
    assert settings.RETENTION["AUDIT_MONTHS"] == 72
    old = entry(at(2020, 3, 15, 9))
    newer = entry(at(2020, 3, 16, 0, 30))

    retention.enforce(now=at(2026, 3, 14, 23, 59))
    assert kept(old, newer) == {old, newer}

    counts = retention.enforce(now=at(2026, 3, 15, 0, 1))

    assert kept(old, newer) == {newer}
    assert counts["audit trail"] == 1
    assert list(
        RetentionTombstone.objects.filter(rule="audit trail")
        .order_by("at")
        .values_list("deleted", flat=True)
    ) == [0, 1]


def test_entries_go_in_batches(settings):
    settings.RETENTION_BATCH_SIZE = 2
    old = [entry(at(2019, 1, day)) for day in range(1, 6)]
    recent = entry(at(2026, 1, 1))

    assert retention.enforce(now=at(2026, 8, 1))["audit trail"] == 5

    assert kept(*old, recent) == {recent}


def test_it_refuses_an_audit_period_shorter_than_the_policy(settings):
    settings.RETENTION = {**settings.RETENTION, "AUDIT_MONTHS": 71}
    old = entry(at(2000, 1, 1))

    with pytest.raises(ImproperlyConfigured, match="AUDIT_MONTHS"):
        retention.enforce()

    assert kept(old) == {old}


def test_the_sanctioned_path_needs_a_transaction_of_its_own(committed_db):
    old = entry(at(2000, 1, 1))

    with pytest.raises(AppendOnly):
        AuditEntry.objects.expire(before=at(2001, 1, 1), limit=10)
    with transaction.atomic():
        assert AuditEntry.objects.expire(before=at(2001, 1, 1), limit=10) == 1

    assert not kept(old)


def test_the_bound_lasts_one_statement():
    old, recent = entry(at(2000, 1, 1)), entry(at(2000, 6, 1))
    with transaction.atomic():
        AuditEntry.objects.expire(before=at(2000, 3, 1), limit=10)
        with pytest.raises(ProgrammingError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")

    assert kept(old, recent) == {recent}


def delete_with_bound(bound, where):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('vvf.audit_keep_before', %s, true)", [bound])
        cursor.execute(f"DELETE FROM audit_auditentry WHERE {where}")
        return cursor.rowcount


def test_the_trigger_lets_the_bound_delete_older_rows_only():
    old, recent = entry(at(2000, 1, 1)), entry(at(2026, 1, 1))
    bound = at(2010, 1, 1).isoformat()

    # A recent row is refused even with the bound set: the whole statement fails.
    with pytest.raises(ProgrammingError, match="append-only"):
        delete_with_bound(bound, "true")
    assert kept(old, recent) == {old, recent}
    with pytest.raises(ProgrammingError, match="append-only"):
        delete_with_bound(bound, f"id = {recent.pk}")

    assert delete_with_bound(bound, f"id = {old.pk}") == 1
    assert kept(old, recent) == {recent}


def test_the_trigger_keeps_six_years_whatever_bound_a_session_sets():
    # Five years old: a bound far in the future does not let it go.
    five_years = entry(timezone.now() - datetime.timedelta(days=5 * 365))

    with pytest.raises(ProgrammingError, match="append-only"):
        delete_with_bound("2100-01-01T00:00:00+00:00", f"id = {five_years.pk}")

    assert kept(five_years) == {five_years}


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM audit_auditentry",
        "UPDATE audit_auditentry SET detail = 'x'",
        "SELECT set_config('vvf.audit_keep_before', '', true); DELETE FROM audit_auditentry",
        "SELECT set_config('vvf.audit_keep_before', '2100-01-01', true); "
        "UPDATE audit_auditentry SET detail = 'x'",
    ],
)
def test_the_trigger_refuses_every_other_change_and_deletion(sql):
    old = entry(at(2000, 1, 1))

    with pytest.raises(ProgrammingError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in sql.split("; "):
                cursor.execute(statement)

    assert AuditEntry.objects.get(pk=old.pk).detail == ""


def test_the_orm_still_refuses_every_other_deletion():
    old = entry(at(2000, 1, 1))

    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=old.pk).delete()
    with pytest.raises(AppendOnly):
        old.delete()
    assert kept(old) == {old}

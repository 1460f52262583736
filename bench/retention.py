"""Benchmark: the retention sweep over many due applications, beside a hand-written SQL
delete of the same rows, in the same run and on the same PostgreSQL.

    bin/with-test-services .venv/bin/python bench/retention.py [how many, default 100000]

Each due application has the rows a real one has: two forums chosen, four consents, two
status events and equality answers. Prints the time and rows a second for each, and the
ratio. It creates and drops its own database; it asserts nothing about time.
"""

import datetime
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vvf.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

CHUNK = 5000
RELATED = [
    "applications_application_forums",
    "applications_consent",
    "applications_applicationevent",
    "applications_equalitymonitoring",
]


def seed(how_many):
    from applications.models import (
        Application,
        ApplicationEvent,
        Consent,
        ConsentDocument,
        EqualityMonitoring,
    )
    from programme.models import Forum

    closed = datetime.datetime(2020, 1, 15, 12, tzinfo=datetime.UTC)
    forums = list(Forum.objects.all()[:2])
    documents = list(ConsentDocument.objects.all()[:4])
    through = Application.forums.through
    for start in range(0, how_many, CHUNK):
        n = min(CHUNK, how_many - start)
        batch = Application.objects.bulk_create(
            Application(
                reference=f"VVF-B{start + i:07d}",
                status="NOT_SELECTED",
                full_name="Bench",
                email="bench@example.com",
                why_join="Benchmark",
                closed_at=closed,
            )
            for i in range(n)
        )
        through.objects.bulk_create(
            through(application_id=a.pk, forum_id=f.pk) for a in batch for f in forums
        )
        Consent.objects.bulk_create(
            Consent(application=a, document=d, given=True) for a in batch for d in documents
        )
        ApplicationEvent.objects.bulk_create(
            ApplicationEvent(application=a, from_status=s, to_status=t)
            for a in batch
            for s, t in (("", "SUBMITTED"), ("SUBMITTED", "NOT_SELECTED"))
        )
        EqualityMonitoring.objects.bulk_create(
            EqualityMonitoring(application=a, age_band="25_34") for a in batch
        )
    # Dead rows cleared and planner statistics taken, as autovacuum keeps them on a live
    # database. Both deletes start from this state: without it the second would work
    # over the first one's dead rows, and the planner would guess fresh tables empty.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def rows():
    with connection.cursor() as cursor:
        total = 0
        for table in ["applications_application", *RELATED]:
            cursor.execute(f"SELECT count(*) FROM {table}")  # fixed names
            total += cursor.fetchone()[0]
    return total


def hand_written_delete():
    with connection.cursor() as cursor:
        due = "SELECT id FROM applications_application WHERE status = 'NOT_SELECTED'"
        for table in RELATED:
            cursor.execute(f"DELETE FROM {table} WHERE application_id IN ({due})")
        cursor.execute("DELETE FROM applications_application WHERE status = 'NOT_SELECTED'")


def timed(label, work, how_many):
    """Runs the work; prints its time, rate and the process's peak memory so far
    (resident set; tracemalloc would slow the sweep several times over)."""
    before = rows()
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    gone = before - rows()
    print(
        f"{label:<34} {seconds:8.2f} s  {how_many / seconds:10,.0f} applications/s  "
        f"peak {peak / 2**20:7.1f} MiB  ({gone:,} rows deleted)"
    )
    return seconds, peak


def main():
    from privacy import retention

    how_many = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        print(
            f"{how_many:,} due applications on PostgreSQL {connection.pg_version}; "
            f"batches of {django.conf.settings.RETENTION_BATCH_SIZE}"
        )
        seed(how_many)
        reference, reference_peak = timed(
            "hand-written SQL delete (reference)", hand_written_delete, how_many
        )
        seed(how_many)
        sweep, sweep_peak = timed("retention sweep", lambda: retention.enforce(), how_many)
        print(
            f"the sweep takes {sweep / reference:.2f}x the time of the hand-written delete; "
            f"peak memory {reference_peak / 2**20:.0f} MiB after the reference, "
            f"{sweep_peak / 2**20:.0f} MiB after the sweep"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

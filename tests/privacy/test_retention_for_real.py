"""Retention for real (issue 8, points 8 and 9): a real Celery worker and a real beat on
the test Redis and PostgreSQL run the sweep; two sweeps at once delete each record exactly
once; and after the sweep a canary applicant is found nowhere: not in any text column of
any table, not in Redis, not in the media folder."""

import base64
import binascii
import datetime
import os
import re
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from applications.models import Application
from forums.models import ExpenseClaim, Membership
from forums.services import agendas, claims, meetings, memberships
from privacy import retention
from privacy.models import RetentionHeartbeat, RetentionTombstone
from privacy.tasks import enforce_retention
from tests.conftest import ROOT, service_env, wait_until
from tests.factories import ApplicationFactory
from tests.forums.helpers import make_meeting
from tests.vetting.helpers import application_at_pnc, panel
from vetting import services as vetting_services
from vetting.models import PanelSeat
from vvf.celery import app as celery_app

LONDON = ZoneInfo("Europe/London")
RULE = "unsuccessful applications"
LONG_AGO = datetime.datetime(2020, 1, 15, 12, tzinfo=LONDON)


def due_applications(count):
    return [ApplicationFactory(status="WITHDRAWN", closed_at=LONG_AGO) for _ in range(count)]


def swept(pks):
    return (
        not Application.objects.filter(pk__in=pks).exists() and RetentionHeartbeat.objects.exists()
    )


# Point 9: a real worker, a real beat --------------------------------------------------


def test_a_real_worker_runs_the_sweep(celery_worker):
    pks = [a.pk for a in due_applications(3)]

    enforce_retention.delay()

    assert wait_until(lambda: swept(pks)), "the worker did not sweep within 30 seconds"
    assert RetentionTombstone.objects.get(rule=RULE).deleted == 3


def test_a_real_beat_schedules_the_sweep(celery_worker, tmp_path):
    """Beat, with the retention entry on a 2-second schedule (RETENTION_BEAT_SECONDS,
    read by vvf/celery.py), sends the task; the worker runs it."""
    pks = [a.pk for a in due_applications(3)]
    log = open(tmp_path / "beat.log", "w")
    beat = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "vvf",
            "beat",
            "--loglevel=INFO",
            "--max-interval",
            "1",
            "-s",
            str(tmp_path / "beat-schedule"),
        ],
        cwd=ROOT,
        env=service_env(RETENTION_BEAT_SECONDS="2"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        gone = wait_until(lambda: swept(pks) or beat.poll() is not None, timeout=40)
        assert beat.poll() is None, (tmp_path / "beat.log").read_text()
        assert gone and swept(pks), (
            "beat and worker did not sweep within 40 seconds:\n"
            + (tmp_path / "beat.log").read_text()
        )
        assert "privacy.tasks.enforce_retention" in (tmp_path / "beat.log").read_text()
    finally:
        beat.terminate()
        beat.wait(timeout=15)
        log.close()


def test_two_sweeps_at_once_delete_each_record_exactly_once(committed_db, settings):
    settings.RETENTION_BATCH_SIZE = 5
    pks = [a.pk for a in due_applications(60)]
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait(timeout=10)
            results.append(retention.enforce())
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert len(results) == 2
    assert not Application.objects.filter(pk__in=pks).exists()
    assert sum(result[RULE] for result in results) == 60
    tombstones = RetentionTombstone.objects.filter(rule=RULE)
    assert tombstones.count() == 2
    assert sum(tombstones.values_list("deleted", flat=True)) == 60
    assert RetentionHeartbeat.objects.count() == 2


def test_a_run_killed_half_way_completes_on_the_next_run(committed_db):
    """A run in its own process deletes its first batch, then waits on a row this test
    holds and is killed there. The second batch rolls back whole (nothing half-deleted,
    nothing counted twice) and the next run deletes it."""
    from psycopg import connect

    from privacy.models import RetentionCount
    from programme.models import Forum

    forum = Forum.objects.get(slug="vawg")
    february = datetime.datetime(2020, 2, 14, 12, tzinfo=LONDON)
    first = [
        ApplicationFactory(status="WITHDRAWN", closed_at=LONG_AGO, forums=[forum]) for _ in range(5)
    ]
    second = [
        ApplicationFactory(status="WITHDRAWN", closed_at=february, forums=[forum]) for _ in range(5)
    ]
    # The second batch's count ends in an update of this row, which the test holds.
    held = RetentionCount.objects.create(
        forum=forum, month=datetime.date(2020, 2, 1), outcome="WITHDRAWN"
    )
    dsn = service_env()["DATABASE_URL"]
    waiting = "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    with connect(dsn) as holder, connect(dsn, autocommit=True) as watcher:
        holder.execute("SELECT 1 FROM audit_retentioncount WHERE id = %s FOR UPDATE", [held.pk])
        run = subprocess.Popen(
            [sys.executable, "manage.py", "enforce_retention"],
            cwd=ROOT,
            env=service_env(RETENTION_BATCH_SIZE="5"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            blocked = wait_until(
                lambda: watcher.execute(waiting).fetchone() or run.poll() is not None
            )
            assert blocked and run.poll() is None, run.communicate()[0]
            assert not Application.objects.filter(pk__in=[a.pk for a in first]).exists()
            # Killed: the process, and its session in PostgreSQL.
            run.kill()
            run.wait(timeout=15)
            (pid,) = watcher.execute(waiting).fetchone()
            watcher.execute("SELECT pg_terminate_backend(%s)", [pid])
            gone = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
            assert wait_until(lambda: watcher.execute(gone, [pid]).fetchone()[0] == 0)
        finally:
            run.kill()
            run.communicate()

    assert Application.objects.filter(pk__in=[a.pk for a in second]).count() == 5
    assert not RetentionHeartbeat.objects.exists()

    assert retention.enforce()[RULE] == 5

    assert not Application.objects.filter(pk__in=[a.pk for a in second]).exists()
    assert RetentionHeartbeat.objects.count() == 1
    counts = dict(RetentionCount.objects.filter(forum=forum).values_list("month", "count"))
    assert counts == {datetime.date(2020, 1, 1): 5, datetime.date(2020, 2, 1): 5}


# Point 8: the canary -------------------------------------------------------------------


def find_in_database(needle):
    """(table, column) of every text-like column of every table holding `needle`."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
            "AND t.table_name = c.table_name "
            "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
            "AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')"
        )
        columns = cursor.fetchall()
        assert len(columns) > 50, "the search must cover the whole schema"
        for table, column in columns:
            qn = connection.ops.quote_name
            cursor.execute(
                f"SELECT count(*) FROM {qn(table)} WHERE {qn(column)}::text ILIKE %s",
                [f"%{needle}%"],
            )
            if cursor.fetchone()[0]:
                found.append((table, column))
    # Session data is signed and base64-encoded: decode it to search it.
    for session in Session.objects.all():
        if needle.lower() in repr(session.get_decoded()).lower():
            found.append(("django_session", session.session_key))
    return found


BASE64 = re.compile(rb"[A-Za-z0-9+/=_-]{16,}")


def _holds(blob, needle):
    """Whether the bytes hold the needle, as they are or inside a base64 run (Celery's
    Redis transport base64-encodes message bodies)."""
    if needle in blob.lower():
        return True
    for run in BASE64.findall(blob):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(run + b"=" * (-len(run) % 4))
            except (binascii.Error, ValueError):
                continue
            if needle in decoded.lower():
                return True
    return False


def find_in_redis(needle):
    """(db, key) of every Redis key, in every database, whose name or value holds it."""
    needle = needle.lower().encode()
    url = os.environ["REDIS_URL"]
    first = redis.Redis.from_url(url)
    databases = int(first.config_get("databases")["databases"])
    found, keys_seen = [], 0
    for db in range(databases):
        client = redis.Redis.from_url(url, db=db)
        for key in client.scan_iter(count=500):
            keys_seen += 1
            kind = client.type(key).decode()
            if kind == "string":
                values = [client.get(key) or b""]
            elif kind == "list":
                values = client.lrange(key, 0, -1)
            elif kind == "hash":
                values = [b"%s %s" % pair for pair in client.hgetall(key).items()]
            elif kind == "set":
                values = list(client.smembers(key))
            elif kind == "zset":
                values = [member for member, _score in client.zrange(key, 0, -1, withscores=True)]
            else:
                values = [client.dump(key) or b""]
            if any(_holds(value, needle) for value in [key, *values]):
                found.append((db, key))
    return found, keys_seen


def find_in_media(needle):
    needle = needle.lower().encode()
    found = []
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file() and (
            needle in path.read_bytes().lower() or needle in str(path).lower().encode()
        ):
            found.append(str(path))
    return found


def everywhere(needle):
    in_redis, _keys = find_in_redis(needle)
    return {
        "database": find_in_database(needle),
        "redis": in_redis,
        "media": find_in_media(needle),
    }


def test_a_canary_applicant_is_found_nowhere_after_the_sweep(committed_db):
    """Application, vetting (a disclosure, a panel that accepts), membership (attendance,
    an agenda proposal, a claim with a receipt), leaving early; then the sweep far in the
    future. Messages left on the broker by earlier tests are purged first, and nothing
    consumes the ones this test queues: they are searched as they stand."""
    celery_app.control.purge()
    canary = "canary" + uuid.uuid4().hex[:16]
    staff = None

    application = application_at_pnc()
    Application.objects.filter(pk=application.pk).update(
        full_name=f"Ada {canary} Lovelace",
        email=f"{canary}@example.com",
        why_join=f"Because {canary}",
    )
    application.refresh_from_db()
    check = vetting_services.check_request(
        application=application, requested_on=datetime.date.today(), by=staff
    )
    seats = panel()
    case = vetting_services.check_record_disclosure(
        check=check,
        received_on=datetime.date.today(),
        items=[
            {
                "offence": f"Offence {canary}",
                "offence_date": "2019",
                "disposal": "Caution",
                "notes": f"Notes {canary}",
            }
        ],
        seats=seats,
        by=staff,
    )
    for user in seats.values():
        vetting_services.seat_decide(
            case=case, member=user, decision="ACCEPT", rationale=f"Rationale {canary}"
        )
    application.refresh_from_db()
    assert application.status == "ACCEPTED"
    # One forum chosen: the membership follows the acceptance.
    membership = Membership.objects.get(application=application)

    # Midway, the canary is really there: the search can find it.
    assert everywhere(canary)["database"]

    Membership.objects.filter(pk=membership.pk).update(
        started_on=datetime.date.today() - datetime.timedelta(days=60)
    )
    membership.refresh_from_db()
    meeting = make_meeting("vawg", days_ahead=-10)
    meetings.attendance_record(meeting=meeting, attended_ids={membership.pk})
    receipt = SimpleUploadedFile(
        "receipt.pdf",
        b"%PDF-1.7\n% " + canary.encode() + b"\n%%EOF\n",
        content_type="application/pdf",
    )
    claim = claims.claim_submit(
        membership=membership,
        meeting=meeting,
        kind=ExpenseClaim.Kind.OTHER,
        amount="12.50",
        description=f"Taxi {canary}",
        receipt=receipt,
    )
    assert find_in_media(canary), "the receipt holds the canary before the sweep"
    future = make_meeting("vawg", days_ahead=14)
    agendas.agenda_item_propose(
        meeting=future, membership=membership, title=f"Item {canary}", detail=canary
    )
    memberships.membership_leave(membership=membership, left_on=datetime.date.today())

    counts = retention.enforce(now=datetime.datetime(2100, 1, 1, 12, tzinfo=LONDON))

    assert counts["former members"] >= 1
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not ExpenseClaim.objects.filter(pk=claim.pk).exists()
    assert PanelSeat.objects.filter(case__check_record__application_id=application.pk).count() == 0
    assert everywhere(canary) == {"database": [], "redis": [], "media": []}
    # The Redis search covered a real message: the outcome email, queued by id only.
    assert redis.Redis.from_url(os.environ["REDIS_URL"]).llen("celery") >= 1


def test_the_canary_search_finds_what_it_looks_for(committed_db):
    """The searches are not blind: a canary left in a table, in Redis (plain and inside
    a Celery message) and in a file is found."""
    canary = "canary" + uuid.uuid4().hex[:16]
    ApplicationFactory(full_name=f"Ada {canary}")
    client = redis.Redis.from_url(os.environ["REDIS_URL"], db=3)
    (Path(settings.MEDIA_ROOT) / "probe").mkdir(parents=True, exist_ok=True)
    probe = Path(settings.MEDIA_ROOT) / "probe" / f"{uuid.uuid4().hex}.txt"
    try:
        client.set("probe", f"x{canary}y")
        client.lpush(
            "probe-queue",
            b'{"body": "' + base64.b64encode(f'[["{canary}@example.com"], {{}}]'.encode()) + b'"}',
        )
        probe.write_bytes(b"abc " + canary.encode())

        found = everywhere(canary)
        assert ("applications_application", "full_name") in found["database"]
        assert {key for _db, key in found["redis"]} == {b"probe", b"probe-queue"}
        assert found["media"] == [str(probe)]
    finally:
        client.delete("probe", "probe-queue")
        probe.unlink(missing_ok=True)


# Issue 16, point 9: what deletion means for PostgreSQL's own files ----------------------


def sql(query, params=()):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall() if cursor.description else None


def in_table_files(table, needle):
    """How many times the needle's bytes are in the table's data files, once a
    CHECKPOINT has written every page out. (The test runs as root or as the user
    PostgreSQL runs as, so it can read them.)"""
    sql("CHECKPOINT")
    ((data_directory, path),) = sql(
        "SELECT current_setting('data_directory'), pg_relation_filepath(%s)", [table]
    )
    main = Path(data_directory) / path
    segments = [main, *main.parent.glob(main.name + ".[0-9]*")]
    return sum(f.read_bytes().count(needle.encode()) for f in segments if f.is_file())


def in_wal(needle):
    ((data_directory,),) = sql("SELECT current_setting('data_directory')")
    wal = [f for f in (Path(data_directory) / "pg_wal").iterdir() if f.is_file()]
    return sum(f.read_bytes().count(needle.encode()) for f in wal)


def test_what_the_sweep_and_its_vacuum_leave_in_postgresqls_files(committed_db):
    """Three canaries on one page of the applications table: `swept` and `last` are due,
    `erased` is erased on request before the sweep, and three applications that stay
    lie between them. The sweep deletes and then VACUUMs the tables it deleted from
    (and those of the erasure). Measured: a deleted row's bytes stay in the file until
    that VACUUM, which overwrites them only when rows that stay were written after it on
    its page (VACUUM compacts the page towards its end); the others survive as free
    space until new rows reuse it. Each new application here overwrote about one row's
    worth. The WAL still holds all three. docs/security.md has the numbers."""
    from tests.factories import UserFactory

    table = Application._meta.db_table
    canaries = {name: "canary" + uuid.uuid4().hex[:16] for name in ("swept", "erased", "last")}

    def with_canary(name, **fields):
        canary = canaries[name]
        return ApplicationFactory(
            full_name=f"Ada {canary} Lovelace",
            email=f"{canary}@example.com",
            why_join=f"Because {canary}",
            **fields,
        )

    def found():
        return {name: in_table_files(table, canary) for name, canary in canaries.items()}

    with_canary("swept", status="WITHDRAWN", closed_at=LONG_AGO)
    staying = [ApplicationFactory(status="IN_REVIEW") for _ in range(3)]
    erased = with_canary("erased", status="IN_REVIEW")
    with_canary("last", status="WITHDRAWN", closed_at=LONG_AGO)
    # The premise: one page, in the order written.
    assert sql(f"SELECT ctid::text FROM {table} ORDER BY id") == [
        (f"(0,{item})",) for item in range(1, 7)
    ]
    # Each canary is in its row three times (name, email, why), and the search sees it.
    assert found() == {"swept": 3, "erased": 3, "last": 3}

    retention.erase(application=erased, reason="REQUESTED", by=UserFactory())

    # Deleted and committed, not yet vacuumed: the row is dead but its bytes are there.
    assert found() == {"swept": 3, "erased": 3, "last": 3}

    counts = retention.enforce()

    assert counts["unsuccessful applications"] == 2
    # The sweep vacuumed every table a person's deletion touches.
    people = {step.model._meta.db_table for step in retention.cascade.plan(Application)}
    stats = sql(
        "SELECT relname, last_vacuum IS NOT NULL, n_dead_tup FROM pg_stat_user_tables "
        "WHERE relname = ANY(%s)",
        [list(people)],
    )
    assert {name: (vacuumed, dead) for name, vacuumed, dead in stats} == dict.fromkeys(
        people, (True, 0)
    )
    # After the VACUUM: the row with rows that stay written after it is overwritten; the
    # two with none after them are free space, bytes and all.
    assert found() == {"swept": 0, "erased": 3, "last": 3}
    # The WAL keeps what was written until its segments are recycled and overwritten.
    assert {name: in_wal(canary) > 0 for name, canary in canaries.items()} == dict.fromkeys(
        canaries, True
    )

    # New rows reuse the freed space from the top of the page down: one application
    # overwrote nothing yet, two overwrote `erased`, three `last` too.
    ApplicationFactory(status="IN_REVIEW")
    assert found() == {"swept": 0, "erased": 3, "last": 3}
    ApplicationFactory(status="IN_REVIEW")
    assert found() == {"swept": 0, "erased": 0, "last": 3}
    ApplicationFactory(status="IN_REVIEW")
    assert found() == {"swept": 0, "erased": 0, "last": 0}
    assert Application.objects.filter(pk__in=[a.pk for a in staying]).count() == 3


def test_vacuum_full_rewrites_the_table_without_the_dead_rows(committed_db):
    """The alternative the service does not run on its own (it locks the table while it
    rewrites it): a canary left as free space by plain VACUUM is gone from the table's
    files after VACUUM FULL, which writes a new file and removes the old one."""
    table = Application._meta.db_table
    canary = "canary" + uuid.uuid4().hex[:16]
    ApplicationFactory(status="IN_REVIEW")
    ApplicationFactory(status="WITHDRAWN", closed_at=LONG_AGO, full_name=f"Ada {canary}")
    retention.enforce()
    assert in_table_files(table, canary) == 1

    sql(f"VACUUM FULL {table}")

    assert in_table_files(table, canary) == 0


# Issue 16, point 8: a restore keeps the promises ---------------------------------------


def pg_tool(name):
    """A PostgreSQL client program of the newest installed version (as
    bin/with-test-services picks the server)."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return str(versions[-1] / name)


def run_tool(name, *args):
    database = connection.settings_dict
    where = ["-h", database["HOST"], "-p", str(database["PORT"]), "-U", database["USER"]]
    done = subprocess.run([pg_tool(name), *where, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def columns_holding(dsn, needle):
    """(table, column) of every text-like column in that database holding `needle`."""
    from psycopg import connect, sql

    found = []
    with connect(dsn) as other:
        columns = other.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
            "AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')"
        ).fetchall()
        assert len(columns) > 50, "the search must cover the whole schema"
        for table, column in columns:
            query = sql.SQL("SELECT count(*) FROM {} WHERE {}::text ILIKE %s").format(
                sql.Identifier(table), sql.Identifier(column)
            )
            if other.execute(query, [f"%{needle}%"]).fetchone()[0]:
                found.append((table, column))
    return found


def test_a_restored_backup_forgets_no_one_erased_since_it_was_taken(
    committed_db, tmp_path, settings
):
    """A backup (pg_dump) holds a person; they are erased on request; the backup is
    restored into a fresh database and `manage.py after_restore` runs on it, as the
    restore procedure says: they are gone again, found in no column of any table, and
    the ledger that made it possible holds an id and a date only."""
    from psycopg import connect

    from tests.factories import UserFactory
    from tests.forums.helpers import make_member

    ledger = tmp_path / "erasure-ledger.txt"
    settings.ERASURE_LEDGER_PATH = str(ledger)
    canary = "canary" + uuid.uuid4().hex[:16]
    member = make_member()
    person = member.application
    Application.objects.filter(pk=person.pk).update(
        full_name=f"Ada {canary} Lovelace", email=f"{canary}@example.com", why_join=canary
    )
    staying = ApplicationFactory(status="IN_REVIEW")
    database = connection.settings_dict["NAME"]
    backup = tmp_path / "backup.dump"
    run_tool("pg_dump", "--format=custom", f"--file={backup}", database)

    retention.erase(application=person, reason="REQUESTED", by=UserFactory())

    today = timezone.localdate().isoformat()
    assert ledger.read_text() == f"{today} applications.application {person.pk}\n"
    restored = f"restored_{uuid.uuid4().hex[:8]}"
    run_tool("createdb", restored)
    try:
        run_tool("pg_restore", "--no-owner", f"--dbname={restored}", str(backup))
        server = connection.settings_dict
        dsn = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT']}/{restored}"
        # The backup brought them back.
        assert ("applications_application", "full_name") in columns_holding(dsn, canary)

        done = subprocess.run(
            [sys.executable, "manage.py", "after_restore"],
            cwd=ROOT,
            env=service_env(DATABASE_URL=dsn, ERASURE_LEDGER_PATH=str(ledger)),
            capture_output=True,
            text=True,
            timeout=120,
        )

        assert done.returncode == 0, done.stdout + done.stderr
        assert f"{retention.ERASURE_AGAIN_RULE}: 1 deleted" in done.stdout
        assert columns_holding(dsn, canary) == []
        with connect(dsn) as other:
            remaining = other.execute("SELECT id FROM applications_application").fetchall()
            assert remaining == [(staying.pk,)]
            assert other.execute(
                "SELECT count(*) FROM forums_membership WHERE id = %s", [member.pk]
            ).fetchone() == (0,)
            # No new application can take the erased person's id.
            next_id = other.execute(
                "SELECT nextval(pg_get_serial_sequence('applications_application', 'id'))"
            ).fetchone()[0]
            assert next_id > person.pk
            tombstones = other.execute(
                "SELECT deleted FROM audit_retentiontombstone WHERE rule = %s",
                [retention.ERASURE_AGAIN_RULE],
            ).fetchall()
            assert tombstones == [(1,)]
            assert other.execute("SELECT count(*) FROM audit_retentionheartbeat").fetchone() == (1,)
    finally:
        run_tool("dropdb", "--force", restored)
    # The ledger: dates and internal ids, nothing else.
    assert all(
        re.fullmatch(r"\d{4}-\d{2}-\d{2} applications\.application \d+", line)
        for line in ledger.read_text().splitlines()
    )
    assert canary not in ledger.read_text() and person.reference not in ledger.read_text()

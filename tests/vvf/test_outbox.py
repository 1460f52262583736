"""The outbox (vvf/outbox.py): a task queued in a transaction is written with it and
handed to Redis once it commits; when Redis is down the row stays, the person using the
service sees nothing go wrong, and the relay hands it over later."""

import datetime
import json
import logging
import os
import socket
import subprocess
import sys

import pytest
import redis
from celery.app.task import Task
from django.db import transaction
from django.test import Client
from django.utils import timezone
from kombu.exceptions import OperationalError

from applications import services as application_services
from applications import tasks as application_tasks
from applications.models import SavedDraft
from audit.models import PendingTask
from tests.conftest import ROOT, sent_emails, service_env
from tests.factories import ApplicationFactory
from vvf import outbox
from vvf.celery import app as celery_app
from vvf.tasks import relay_pending_tasks

RESUME = "applications.tasks.send_resume_link"


@pytest.fixture
def queue():
    """The Celery queue on the test Redis, emptied first: what is published lands here."""
    celery_app.control.purge()
    client = redis.Redis.from_url(os.environ["REDIS_URL"])

    def published():
        """(task name, args) of each message waiting, oldest first."""
        messages = [json.loads(raw) for raw in reversed(client.lrange("celery", 0, -1))]
        return [(m["headers"]["task"], m["headers"]["argsrepr"]) for m in messages]

    return published


@pytest.fixture
def broker_down(monkeypatch):
    """Every publish fails as it does when Redis cannot be reached."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(Task, "apply_async", refuse)


def aged(pending, seconds):
    PendingTask.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


@pytest.mark.django_db
def test_enqueue_writes_a_row_that_publishing_removes(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        draft = application_services.draft_save(email="ada@example.com", answers={})
        pending = PendingTask.objects.get()
        assert (pending.task, pending.args, pending.attempts) == (RESUME, [draft.pk], 0)
        assert str(pending) == f"pending task {pending.pk}"
        assert queue() == []

    assert len(callbacks) == 1
    assert not PendingTask.objects.exists()
    assert queue() == [(RESUME, f"[{draft.pk}]")]


@pytest.mark.django_db
def test_nothing_is_queued_when_the_transaction_rolls_back(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            application_services.draft_save(email="ada@example.com", answers={})
            raise RuntimeError("something later went wrong")

    assert not PendingTask.objects.exists()
    assert queue() == []


@pytest.mark.django_db
def test_with_the_broker_down_the_row_stays_and_the_person_sees_nothing_wrong(
    broker_down, queue, caplog, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(email="canary-outbox@example.com")
    token = application_services.status_token(application)
    caplog.set_level(logging.WARNING, logger="vvf.outbox")

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/apply/status/{token}/withdraw/", {"confirm": "YES"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "WITHDRAWN"
    pending = PendingTask.objects.get()
    closure = "applications.tasks.send_closure_email"
    assert (pending.task, pending.args) == (closure, [application.pk])
    assert pending.attempts == 1
    assert queue() == []
    assert f"Could not queue {closure}" in caplog.text
    # The log names the task and the row, never the arguments or anything personal.
    assert "canary-outbox" not in caplog.text and "Connection refused" not in caplog.text
    assert f"[{application.pk}]" not in caplog.text


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_broker_does_not_keep_the_request_waiting(committed_db):
    """In its own process, pointed at a port nothing listens on: the service returns
    at once, without an error, and its task waits in the outbox."""
    code = (
        "import time\n"
        "from applications import services\n"
        "started = time.monotonic()\n"
        "draft = services.draft_save(email='ada@example.com', answers={})\n"
        "print(draft.pk, time.monotonic() - started)\n"
    )
    run = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=service_env(CELERY_BROKER_URL=f"redis://127.0.0.1:{closed_port()}/0"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    pk, seconds = run.stdout.split()[-2:]
    assert float(seconds) < 2, run.stdout
    assert "Could not queue applications.tasks.send_resume_link" in run.stderr
    pending = PendingTask.objects.get()
    assert (pending.task, pending.args, pending.attempts) == (RESUME, [int(pk)], 1)
    assert SavedDraft.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_the_relay_publishes_rows_old_enough_and_deletes_them(queue):
    old = [outbox.enqueue(application_tasks.send_resume_link, n) for n in (1, 2)]
    fresh = outbox.enqueue(application_tasks.send_resume_link, 3)
    for pending in old:
        aged(pending, 120)

    assert outbox.relay() == 2

    assert list(PendingTask.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert queue() == [(RESUME, "[1]"), (RESUME, "[2]")]
    assert outbox.relay(older_than=datetime.timedelta(0)) == 1
    assert not PendingTask.objects.exists()


@pytest.mark.django_db
def test_the_relay_takes_a_bounded_batch(queue):
    for n in range(5):
        aged(outbox.enqueue(application_tasks.send_resume_link, n), 120)

    assert outbox.relay(batch_size=3) == 3

    assert PendingTask.objects.count() == 2
    assert [args for _task, args in queue()] == ["[0]", "[1]", "[2]"]


@pytest.mark.django_db
def test_with_the_broker_still_down_the_relay_stops_and_keeps_every_row(broker_down):
    rows = [outbox.enqueue(application_tasks.send_resume_link, n) for n in (1, 2)]
    for pending in rows:
        aged(pending, 120)

    assert outbox.relay() == 0

    # The first failure ends the run: no timeout is waited out once a row.
    assert sorted(PendingTask.objects.values_list("attempts", flat=True)) == [0, 1]


@pytest.mark.django_db
def test_a_row_that_cannot_be_sent_does_not_hold_up_the_others(queue):
    stuck = PendingTask.objects.create(task="vvf.tasks.no_longer_exists", args=[1], attempts=3)
    aged(stuck, 600)
    aged(outbox.enqueue(application_tasks.send_resume_link, 2), 120)

    assert outbox.relay() == 1

    assert queue() == [(RESUME, "[2]")]
    stuck.refresh_from_db()
    assert stuck.attempts == 4


def test_a_row_another_run_holds_is_skipped(committed_db, queue):
    from psycopg import connect

    pending = PendingTask.objects.create(task=RESUME, args=[1])
    aged(pending, 120)
    with connect(service_env()["DATABASE_URL"]) as holder:
        holder.execute("SELECT 1 FROM audit_pendingtask WHERE id = %s FOR UPDATE", [pending.pk])

        assert outbox.relay() == 0

    assert outbox.relay() == 1
    assert queue() == [(RESUME, "[1]")]


def test_the_relay_is_in_the_beat_schedule_every_minute():
    (entry,) = [
        entry
        for entry in celery_app.conf.beat_schedule.values()
        if entry["task"] == "vvf.tasks.relay_pending_tasks"
    ]
    assert entry["schedule"] == 60


def test_a_relayed_task_really_runs(celery_worker):
    """A resume link queued while Redis was down: the relay task, run by a real worker,
    hands it over, and the worker sends the email."""
    draft = SavedDraft.objects.create(nonce="n" * 32, email="ada@example.com", answers={})
    pending = PendingTask.objects.create(task=RESUME, args=[draft.pk])
    aged(pending, 120)

    relay_pending_tasks.delay()

    (message,) = sent_emails(celery_worker, 1)
    assert message["To"] == "ada@example.com"
    assert not PendingTask.objects.exists()

import time
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from vvf.sessions import SessionStore
from vvf.tasks import clear_expired_sessions


def test_worker_clears_expired_sessions_from_redis_queue(celery_worker):
    expired = SessionStore()
    expired["draft"] = "unfinished answers"
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    current = SessionStore()
    current.create()

    clear_expired_sessions.delay()

    deadline = time.monotonic() + 20
    while Session.objects.filter(session_key=expired.session_key).exists():
        assert time.monotonic() < deadline, "the worker did not run the task"
        time.sleep(0.2)
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]


def test_beat_schedule_runs_the_session_sweep_daily():
    from vvf.celery import app

    assert app.conf.beat_schedule["clear-expired-sessions"]["task"] == (
        "vvf.tasks.clear_expired_sessions"
    )

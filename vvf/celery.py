import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vvf.settings")

app = Celery("vvf")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives here, in code, for exactly one beat process. Work due in the
# future is found by daily idempotent sweeps, never queued with a long ETA.
app.conf.beat_schedule = {
    # Every deletion the retention rules make, and the sweeps of saved forms, expired
    # sign-in links, recordings left on final notes, PNC data and the audit trail: one
    # run, whose heartbeat /healthz reads (privacy/retention.py). No entry of its own here.
    "enforce-retention": {
        "task": "privacy.tasks.enforce_retention",
        "schedule": crontab(hour=2, minute=30),
    },
    "clear-expired-sessions": {
        "task": "vvf.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    "tell-staff-of-overdue-pnc-checks": {
        "task": "vetting.tasks.send_overdue_checks",
        "schedule": crontab(hour=7, minute=0),
    },
    "remind-members-of-meetings": {
        "task": "forums.tasks.send_meeting_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    "generate-monthly-feedback-reports": {
        "task": "feedback.tasks.generate_monthly_reports",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
    # Tasks queued while the broker was down (vvf/outbox.py).
    "relay-pending-tasks": {
        "task": "vvf.tasks.relay_pending_tasks",
        "schedule": 60.0,
        "options": {"expires": 55},  # a worker back after a while runs one, not many
    },
}

# Tests only: a short schedule for the beat test (tests/privacy/test_retention_for_real.py).
if os.environ.get("RETENTION_BEAT_SECONDS"):
    app.conf.beat_schedule["enforce-retention"]["schedule"] = float(
        os.environ["RETENTION_BEAT_SECONDS"]
    )
# Tests only: the outbox relay on a short schedule (tests/test_production_smoke.py).
if os.environ.get("RELAY_BEAT_SECONDS"):
    app.conf.beat_schedule["relay-pending-tasks"]["schedule"] = float(
        os.environ["RELAY_BEAT_SECONDS"]
    )

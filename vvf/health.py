"""What /healthz reports: whether each service this one depends on answers."""

import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .celery import app as celery_app


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def broker_ok():
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True
    except Exception:
        return False


def check_all():
    return {"database": database_ok(), "broker": broker_ok()}


RETENTION_LATE_AFTER = datetime.timedelta(hours=26)


def retention_state(now=None):
    """How the daily retention sweep stands: "ok" when a run has completed in the last 26
    hours, "late" when the last one completed before that, "never run" when none has
    completed yet (a new install, before the beat's first sweep), "unknown" when the
    database cannot say."""
    from privacy.models import RetentionHeartbeat

    try:
        last = (
            RetentionHeartbeat.objects.order_by("-completed_at")
            .values_list("completed_at", flat=True)
            .first()
        )
    except Exception:
        return "unknown"
    if last is None:
        return "never run"
    return "ok" if last >= (now or timezone.now()) - RETENTION_LATE_AFTER else "late"

"""The outbox: nothing queued is lost when Redis is down.

A service queues a Celery task with `enqueue(task, *ids)`. That writes a PendingTask row
in the service's transaction; once the transaction commits, the task is handed to the
broker and the row deleted. When the broker cannot be reached the row stays, the person
using the service sees nothing go wrong, and `relay()` (the vvf.tasks.relay_pending_tasks
task, every minute) hands it over later.

A task may, rarely, be handed over twice (published, then the row's deletion lost), as
with any task Celery acknowledges late: tasks stay safe to run twice. Arguments are ids
only, never personal data: they are stored in the database.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .env import envint

logger = logging.getLogger(__name__)

# Rows younger than this are left to the commit that wrote them. (Tests shorten it.)
RELAY_AFTER = datetime.timedelta(seconds=envint("RELAY_AFTER_SECONDS", 30))
RELAY_BATCH_SIZE = 200


def enqueue(task, *args):
    """Queues `task(*args)` with the current transaction: written now, published once
    the transaction commits. `args` are ids (JSON), never personal data."""
    from audit.models import PendingTask

    pending = PendingTask.objects.create(task=task.name, args=list(args))
    transaction.on_commit(lambda: _publish_pending(pending.pk))
    return pending


def _publish(pending):
    """Hands one row's task to the broker; False, with a warning logged, when it cannot."""
    failure = _hand_over(pending.task, pending.args)
    if failure:
        # The task's name and the row's id only: never the arguments or the error's text.
        logger.warning(
            "Could not queue %s (pending task %s): %s. It stays in the outbox and will be "
            "sent again.",
            pending.task,
            pending.pk,
            failure,
        )
    return not failure


def publish_now(task, *args):
    """For the one task whose arguments must not be stored (a question's text): hands it
    to the broker now; False when the broker cannot be reached, for the caller to say so."""
    failure = _hand_over(task.name, list(args))
    if failure:
        logger.warning("Could not queue %s: %s.", task.name, failure)
    return not failure


def _hand_over(name, args):
    """One quick connection attempt, no retries: Celery's own would keep a request
    waiting seconds for a broker that is down. Returns the failure's kind, or ""."""
    from .celery import app

    try:
        with app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=1, interval_start=0, timeout=2)
            app.tasks[name].apply_async(args=args, producer=producer, retry=False)
    except Exception as error:  # any failure: the caller keeps the work
        return type(error).__name__
    return ""


def _publish_pending(pk):
    """After the commit: publish the row and delete it, unless the relay has it."""
    from audit.models import PendingTask

    try:
        with transaction.atomic():
            pending = PendingTask.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if pending is None:
                return
            if _publish(pending):
                pending.delete()
            else:
                PendingTask.objects.filter(pk=pk).update(attempts=F("attempts") + 1)
    except Exception as error:  # the work is committed; the relay sends it
        logger.warning(
            "Could not queue pending task %s after the commit: %s. It will be sent again.",
            pk,
            type(error).__name__,
        )


def relay(older_than=None, batch_size=RELAY_BATCH_SIZE):
    """Publishes up to `batch_size` rows older than `older_than` (RELAY_AFTER unless
    given), oldest first, deleting each once published. Rows another run holds are
    skipped. The first failure stops the run (the broker is down: the next run tries
    again); a row that fails more often than others waits behind them, so one that can
    never be sent does not hold up the rest. Returns how many were published."""
    from audit.models import PendingTask

    since = timezone.now() - (RELAY_AFTER if older_than is None else older_than)
    published = 0
    with transaction.atomic():
        rows = (
            PendingTask.objects.select_for_update(skip_locked=True)
            .filter(created_at__lte=since)
            .order_by("attempts", "created_at", "pk")[:batch_size]
        )
        for pending in rows:
            if not _publish(pending):
                PendingTask.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1)
                break
            pending.delete()
            published += 1
    return published

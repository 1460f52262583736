from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions():
    """Expired sessions can hold unfinished application answers: delete them daily."""
    call_command("clearsessions")


@shared_task
def relay_pending_tasks():
    """Every minute: tasks queued while the broker was down (vvf/outbox.py) are sent."""
    from . import outbox

    return outbox.relay()

from celery import shared_task
from django.core.management import call_command


@shared_task
def enforce_retention():
    """Daily: the retention rules of DOMAIN.md (vvf/retention.py)."""
    from . import retention

    return retention.enforce()


@shared_task
def clear_expired_sessions():
    """Expired sessions can hold unfinished application answers: delete them daily."""
    call_command("clearsessions")

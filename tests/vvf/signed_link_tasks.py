"""A task for tests/vvf/test_signed_links.py, imported by the worker it starts: it writes
the links it is given by every way a task can write, to show what reaches the log."""

import logging

from celery import shared_task
from celery.utils.log import get_task_logger


@shared_task
def write_links(links):
    for link in links:
        logging.getLogger(__name__).warning("a module's logger: %s", link)
        get_task_logger(__name__).warning("a task logger: %s", link)
        print(f"standard output: {link}")  # a worker sends its stdout to the log

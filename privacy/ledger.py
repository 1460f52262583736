"""The erasure ledger: who was erased on request, by internal id and date only, kept in a
file outside the database (ERASURE_LEDGER_PATH), so that a restored backup cannot bring
them back. After a restore, `manage.py after_restore` erases again everyone it lists
(docs/security.md, "Backups and restores").

One line an erasure, appended and flushed to disk before the erasure commits:
"2026-12-02 applications.application 123". No names, no references, nothing else.
"""

import datetime
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

LINE = re.compile(r"(\d{4}-\d{2}-\d{2}) applications\.application (\d+)")


def path():
    return Path(settings.ERASURE_LEDGER_PATH)


def record(application_id):
    """Appends one line for this application; raises if it cannot be written, so an
    erasure that could not be recorded does not happen."""
    line = f"{timezone.localdate():%Y-%m-%d} applications.application {int(application_id)}\n"
    path().parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())  # one write, appended whole
        os.fsync(fd)
    finally:
        os.close(fd)


def entries():
    """(day, application id) for each line. A missing ledger is an error, not an empty
    one: a wrong path must not pass for 'no one was erased'."""
    if not path().is_file():
        raise ImproperlyConfigured(
            f"The erasure ledger is not at {path()} (ERASURE_LEDGER_PATH). If no one has "
            "ever been erased on request, create an empty file there."
        )
    found = []
    for number, line in enumerate(path().read_text().splitlines(), start=1):
        match = LINE.fullmatch(line.strip())
        if match is None:
            raise ImproperlyConfigured(f"Line {number} of the erasure ledger is not one.")
        found.append((datetime.date.fromisoformat(match[1]), int(match[2])))
    return found

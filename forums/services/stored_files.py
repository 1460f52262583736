"""Files kept with a row (a claim's receipt, a note's recording) go with it."""

from django.db import transaction


def stored_files_delete(sender, instance, **kwargs):
    """A deleted claim or note takes its receipt or recording with it, once the
    deletion is committed."""
    for name in ("receipt", "recording"):
        stored = getattr(instance, name, None)
        if stored:
            storage, path = stored.storage, stored.name
            transaction.on_commit(lambda storage=storage, path=path: storage.delete(path))

"""Running the migrations back and forth inside a test, for the tests of a data
migration (use them with the committed_db fixture)."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets, state=None):
    """Migrates to `targets`; returns the models as they were at `state` (the targets
    when not given: a target (app, None) has no state of its own to give)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(state or targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()

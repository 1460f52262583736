"""The retention run's records (tombstones, heartbeats, counts) move to the privacy app
(issue 18): the state only. Their tables stay, under the same names, and are the privacy
models' (privacy/migrations/0001). The audit trail's trigger names audit_auditentry
alone, so nothing else changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0007_entries_name_no_one"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RetentionTombstone"),
                migrations.DeleteModel(name="RetentionHeartbeat"),
                migrations.DeleteModel(name="RetentionCount"),
            ],
            database_operations=[],
        ),
    ]

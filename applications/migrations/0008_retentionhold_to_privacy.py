"""RetentionHold moves to the privacy app (issue 18): the state only. Its table,
applications_retentionhold, stays and is privacy.RetentionHold's (privacy/migrations/0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_closed_at_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RetentionHold")],
            database_operations=[],
        ),
    ]

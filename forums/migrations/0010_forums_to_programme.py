"""Organisation and Forum are the programme app's now (programme/migrations/0001): the
state only. The tables stay, and are programme's."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_forums_to_programme"),
        ("feedback", "0003_forums_to_programme"),
        ("forums", "0009_status_events"),
        ("privacy", "0002_forums_to_programme"),
        ("programme", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="membership",
                    name="forum",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="programme.forum",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="forum",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="programme.forum",
                    ),
                ),
                migrations.RemoveField(
                    model_name="organisation",
                    name="members",
                ),
                migrations.DeleteModel(
                    name="Forum",
                ),
                migrations.DeleteModel(
                    name="Organisation",
                ),
            ],
            database_operations=[],
        ),
    ]

"""Forum is the programme app's now (programme/migrations/0001): the state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0008_retentionhold_to_privacy"),
        ("programme", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="forums",
                    field=models.ManyToManyField(related_name="applications", to="programme.forum"),
                ),
            ],
            database_operations=[],
        ),
    ]

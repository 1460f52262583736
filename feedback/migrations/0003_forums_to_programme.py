"""Forum is the programme app's now (programme/migrations/0001): the state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_themes"),
        ("programme", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="feedbackitem",
                    name="forum",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="feedback",
                        to="programme.forum",
                    ),
                ),
                migrations.AlterField(
                    model_name="monthlyreport",
                    name="forum",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="programme.forum",
                    ),
                ),
                migrations.AlterField(
                    model_name="recommendation",
                    name="forum",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="recommendations",
                        to="programme.forum",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

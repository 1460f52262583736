"""The privacy app's records, moved from applications and audit (issue 18): the state
only. Their tables stay as they were, under their old names (each model's db_table), so
no row moves and nothing is locked."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("applications", "0008_retentionhold_to_privacy"),
        ("audit", "0008_retention_records_to_privacy"),
        ("forums", "0008_claim_exported_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RetentionHeartbeat",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "completed_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                    ],
                    options={
                        "db_table": "audit_retentionheartbeat",
                    },
                ),
                migrations.CreateModel(
                    name="RetentionTombstone",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField()),
                        ("rule", models.CharField(max_length=60)),
                        ("deleted", models.PositiveIntegerField()),
                        ("held", models.PositiveIntegerField(default=0)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                    ],
                    options={
                        "db_table": "audit_retentiontombstone",
                        "ordering": ["-at"],
                    },
                ),
                migrations.CreateModel(
                    name="RetentionHold",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("reason", models.CharField(max_length=300, verbose_name="reason")),
                        ("placed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "application",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="retention_hold",
                                to="applications.application",
                            ),
                        ),
                        (
                            "placed_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "applications_retentionhold",
                    },
                ),
                migrations.CreateModel(
                    name="RetentionCount",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "month",
                            models.DateField(
                                help_text="The first day of the month of the outcome."
                            ),
                        ),
                        ("outcome", models.CharField(max_length=20)),
                        ("count", models.PositiveIntegerField(default=0)),
                        (
                            "forum",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="forums.forum",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "audit_retentioncount",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("forum", "month", "outcome"),
                                name="one_count_per_forum_month_outcome",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

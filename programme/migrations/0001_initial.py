"""Organisation and Forum move from the forums app to programme (issue 18): the state
only. Their tables (forums_organisation, forums_forum and their many-to-many tables)
stay under their old names (each model's db_table), so no row moves. The content types
are renamed in place, so the permissions, django-guardian's per-forum grants and the
admin's history follow the models."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["forum", "organisation"]


def content_types_to_programme(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="forums", model__in=MOVED).update(app_label="programme")


def content_types_to_forums(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="programme", model__in=MOVED).update(app_label="forums")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("forums", "0009_status_events"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
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
                            "name",
                            models.CharField(max_length=200, unique=True, verbose_name="name"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("MOPAC", "MOPAC"),
                                    ("EXTERNAL_PARTNER", "External partner"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "members",
                            models.ManyToManyField(
                                blank=True,
                                help_text="External partner staff see the forums their organisation runs.",
                                related_name="organisations",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="staff of this organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_organisation",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Forum",
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
                        ("slug", models.SlugField(unique=True)),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("description", models.TextField(verbose_name="description")),
                        (
                            "is_recruiting",
                            models.BooleanField(
                                default=True,
                                help_text="The pilot forum is not open for applications.",
                                verbose_name="open for applications",
                            ),
                        ),
                        (
                            "launch_date",
                            models.DateField(blank=True, null=True, verbose_name="launch date"),
                        ),
                        (
                            "position",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="position in lists"
                            ),
                        ),
                        (
                            "facilitators",
                            models.ManyToManyField(
                                blank=True,
                                related_name="facilitated_forums",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="independent facilitators",
                            ),
                        ),
                        (
                            "mopac_representatives",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="MOPAC representatives",
                            ),
                        ),
                        (
                            "mps_representatives",
                            models.ManyToManyField(
                                blank=True,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="MPS representatives",
                            ),
                        ),
                        (
                            "run_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="forums",
                                to="programme.organisation",
                                verbose_name="run by",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "forums_forum",
                        "ordering": ["position", "name"],
                        "permissions": [
                            ("work_with_forum", "Work with this forum's members and meetings")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_programme, content_types_to_forums),
    ]

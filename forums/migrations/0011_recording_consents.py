"""Members' answers about recording a meeting move from the consent register
(applications.Consent, which named the meeting) to forums' own RecordingConsent, so intake
no longer points at meetings (issue 18). Each row is copied with its wording and time;
applications/migrations/0010 then drops the register's meeting column."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def answers_to_forums(apps, schema_editor):
    Consent = apps.get_model("applications", "Consent")
    Membership = apps.get_model("forums", "Membership")
    RecordingConsent = apps.get_model("forums", "RecordingConsent")
    old = Consent.objects.filter(meeting__isnull=False)
    members = dict(
        Membership.objects.filter(application__in=old.values("application")).values_list(
            "application_id", "pk"
        )
    )
    RecordingConsent.objects.bulk_create(
        RecordingConsent(
            membership_id=members[consent.application_id],
            meeting_id=consent.meeting_id,
            document_id=consent.document_id,
            given=consent.given,
            recorded_at=consent.recorded_at,
        )
        for consent in old.order_by("recorded_at", "pk")
        if consent.application_id in members
    )
    old.delete()


def answers_to_applications(apps, schema_editor):
    Consent = apps.get_model("applications", "Consent")
    RecordingConsent = apps.get_model("forums", "RecordingConsent")
    Consent.objects.bulk_create(
        Consent(
            application_id=answer.membership.application_id,
            meeting_id=answer.meeting_id,
            document_id=answer.document_id,
            given=answer.given,
            recorded_at=answer.recorded_at,
        )
        for answer in RecordingConsent.objects.select_related("membership").order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_forums_to_programme"),
        ("forums", "0010_forums_to_programme"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordingConsent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("given", models.BooleanField()),
                ("recorded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="applications.consentdocument",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recording_consents",
                        to="forums.meeting",
                    ),
                ),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recording_consents",
                        to="forums.membership",
                    ),
                ),
            ],
            options={
                "ordering": ["recorded_at", "pk"],
            },
        ),
        migrations.RunPython(answers_to_forums, answers_to_applications),
    ]

"""The register's meeting column goes: members' answers about recording a meeting are
forums' RecordingConsent now (forums/migrations/0011 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0009_forums_to_programme"),
        ("forums", "0011_recording_consents"),
    ]

    operations = [
        migrations.RemoveField(model_name="consent", name="meeting"),
    ]

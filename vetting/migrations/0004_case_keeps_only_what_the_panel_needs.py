"""The case holds only what the panel needs while it decides (decision 15): the day the
result came, who recorded it; no outcome, as a decided case is deleted. Apart from 0003,
whose deletions must be committed before these tables are altered."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("vetting", "0003_panel_leaves_no_trace"),
    ]

    operations = [
        migrations.AddField(
            model_name="suitabilitycase",
            name="recorded_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="suitabilitycase",
            name="result_received_on",
            field=models.DateField(verbose_name="result received on"),
        ),
        migrations.RemoveField(model_name="suitabilitycase", name="outcome"),
        migrations.RemoveField(model_name="suitabilitycase", name="decided_at"),
        migrations.AlterField(
            model_name="pnccheck",
            name="result_received_on",
            field=models.DateField(blank=True, null=True, verbose_name="complete on"),
        ),
        migrations.AlterField(
            model_name="panelseat",
            name="decision",
            field=models.CharField(
                blank=True,
                choices=[
                    ("ACCEPT", "Accept the application"),
                    ("WITHDRAW", "Withdraw the application"),
                ],
                max_length=10,
            ),
        ),
    ]

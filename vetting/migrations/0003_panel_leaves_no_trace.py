"""A decided panel leaves no trace (decision 15): cases are deleted when the panel
decides, a completed check reads the same whatever it found, and the timeline no longer
shows the panel stage. Brings the rows made before this in line."""

from django.db import migrations, models

PANEL = "PANEL"
CHECK_COMPLETE = "PNC check complete"


def forget_decided_panels(apps, schema_editor):
    PncCheck = apps.get_model("vetting", "PncCheck")
    SuitabilityCase = apps.get_model("vetting", "SuitabilityCase")
    Disclosure = apps.get_model("vetting", "Disclosure")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")

    for case in SuitabilityCase.objects.select_related("check_record"):
        check = case.check_record
        if not case.outcome:
            # Still before the panel: the day the result came stays with the case.
            case.result_received_on = check.result_received_on or case.opened_at.date()
            case.save(update_fields=["result_received_on"])
            check.result_received_on = None
            check.save(update_fields=["result_received_on"])
            continue
        completed = case.outcome != "CLOSED"
        check.result = "COMPLETE" if completed else ""
        check.result_received_on = case.decided_at.date() if completed else None
        check.save(update_fields=["result", "result_received_on"])
        Disclosure.objects.filter(check_record=check).delete()
        case.delete()
        events = ApplicationEvent.objects.filter(application_id=check.application_id)
        into = events.filter(to_status=PANEL)
        before = into.values_list("from_status", flat=True).first()
        if before is not None:
            out = events.filter(from_status=PANEL)
            if completed:
                out.update(from_status=before, reason=CHECK_COMPLETE, by=None)
            else:
                out.update(from_status=before)
            into.delete()
    PncCheck.objects.filter(result="NO_RECORD").update(result="COMPLETE")
    ApplicationEvent.objects.filter(reason="PNC: no record").update(reason=CHECK_COMPLETE, by=None)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_staff_list_index"),
        ("vetting", "0002_case_closed_outcome"),
    ]

    operations = [
        migrations.AddField(
            model_name="suitabilitycase",
            name="result_received_on",
            field=models.DateField(null=True, verbose_name="result received on"),
        ),
        migrations.AlterField(
            model_name="pnccheck",
            name="result",
            field=models.CharField(
                blank=True,
                choices=[
                    ("COMPLETE", "Complete"),
                    ("DISCLOSURE", "Disclosure: with the suitability panel"),
                ],
                max_length=20,
                verbose_name="result",
            ),
        ),
        migrations.RunPython(forget_decided_panels, migrations.RunPython.noop, elidable=False),
    ]

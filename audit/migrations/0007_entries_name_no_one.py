"""Brings the entries written before decision 15 in line with what the trail may hold
(issue 16): records named by internal id, never by the reference applicants are given;
no words typed by staff; nothing that ties criminal record information to a person.

The trail is append-only, so this one migration lifts the trigger for its own
transaction, rewrites those entries, and puts the trigger back before it commits.
"""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

TRIGGER = "audit_append_only"


def rewrite(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Application = apps.get_model("applications", "Application")
    ApplicationEvent = apps.get_model("applications", "ApplicationEvent")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")

    # References become internal ids; an application since deleted is named by none.
    by_reference = dict(Application.objects.values_list("reference", "pk"))
    for entry in AuditEntry.objects.filter(object_ref__startswith="VVF-"):
        pk = by_reference.get(entry.object_ref)
        AuditEntry.objects.filter(pk=entry.pk).update(object_ref="" if pk is None else str(pk))

    # Reasons typed for an erasure.
    AuditEntry.objects.filter(detail__startswith="erased on request").update(
        detail="erased on request"
    )
    # What a PNC result was, and when it came: the entry reads "result recorded" at the
    # check's completion (vetting/0003 made that the decision's, for a disclosure).
    completed = {
        str(pk): at
        for pk, at in ApplicationEvent.objects.filter(
            from_status="PNC_CHECK", reason="PNC check complete"
        ).values_list("application__pnc_check__pk", "at")
        if pk is not None
    }
    for entry in AuditEntry.objects.filter(
        object_type="vetting.pnccheck", detail__startswith="result "
    ):
        AuditEntry.objects.filter(pk=entry.pk).update(
            detail="result recorded", at=completed.get(entry.object_ref, entry.at)
        )

    # Who viewed a check, or viewed or decided on a panel's case: kept, tied to no
    # record, by the day in London.
    untied = AuditEntry.objects.filter(
        Q(object_type="vetting.suitabilitycase")
        | Q(object_type="vetting.disclosure")
        | Q(object_type="vetting.pnccheck", action="VIEW")
    )
    for entry in untied:
        day = timezone.localtime(entry.at).replace(hour=0, minute=0, second=0, microsecond=0)
        if entry.object_type == "vetting.pnccheck":
            detail = entry.detail
        elif entry.action == "VIEW":
            entry.object_type, detail = "vetting.disclosure", "criminal record information viewed"
        else:
            detail = "panel seat decision"
        AuditEntry.objects.filter(pk=entry.pk).update(
            object_type=entry.object_type, object_ref="", detail=detail, at=day
        )

    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_staff_list_index"),
        ("audit", "0006_audit_trail_retention"),
        ("vetting", "0004_case_keeps_only_what_the_panel_needs"),
    ]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop, elidable=False)]

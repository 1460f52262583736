"""Brings the entries written before decision 15 in line with what the trail may hold
(issue 16): records named by internal id, never by the reference applicants are given;
no words typed by staff; nothing that ties criminal record information to a person.

The trail is append-only, so this one migration lifts the trigger for its own
transaction, rewrites those entries, and puts the trigger back before it commits.
"""

import datetime

from django.db import migrations
from django.db.models import Q

TRIGGER = "audit_append_only"


def rewrite(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Application = apps.get_model("applications", "Application")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")

    # References become internal ids; an application since deleted is named by none.
    by_reference = dict(Application.objects.values_list("reference", "pk"))
    for entry in AuditEntry.objects.filter(object_ref__startswith="VVF-"):
        pk = by_reference.get(entry.object_ref)
        AuditEntry.objects.filter(pk=entry.pk).update(object_ref="" if pk is None else str(pk))

    # Reasons typed for an erasure, and what a PNC result was.
    AuditEntry.objects.filter(detail__startswith="erased on request").update(
        detail="erased on request"
    )
    AuditEntry.objects.filter(object_type="vetting.pnccheck", detail__startswith="result ").update(
        detail="result recorded"
    )

    # Who viewed, or decided on, a panel's case: kept, tied to no case, by the day.
    panel = AuditEntry.objects.filter(
        Q(object_type="vetting.suitabilitycase") | Q(object_type="vetting.disclosure")
    )
    for entry in panel:
        day = datetime.datetime.combine(entry.at.date(), datetime.time(), tzinfo=entry.at.tzinfo)
        viewed = entry.action == "VIEW"
        AuditEntry.objects.filter(pk=entry.pk).update(
            object_type="vetting.disclosure" if viewed else "vetting.suitabilitycase",
            object_ref="",
            detail="criminal record information viewed" if viewed else "panel seat decision",
            at=day,
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

"""What was written before decision 15 is brought in line by the migrations (issue 16):
a decided panel's case goes, its check reads complete, the timeline loses the panel
stage, and the audit trail loses references, typed reasons and what tied criminal
record information to a case."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def migrate(*targets):
    """Migrates to each target in turn; the models as they were at the last."""
    for target in targets:
        MigrationExecutor(connection).migrate([target])
    return MigrationExecutor(connection).loader.project_state(list(targets)).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_entries_and_decided_panels_are_rewritten(migrated_data):
    old = migrate(("audit", "0006_audit_trail_retention"), ("vetting", "0002_case_closed_outcome"))
    Application = old.get_model("applications", "Application")
    ApplicationEvent = old.get_model("applications", "ApplicationEvent")
    PncCheck = old.get_model("vetting", "PncCheck")
    SuitabilityCase = old.get_model("vetting", "SuitabilityCase")
    Disclosure = old.get_model("vetting", "Disclosure")
    AuditEntry = old.get_model("audit", "AuditEntry")
    now = timezone.now()
    result_came = now - datetime.timedelta(days=20)

    application = Application.objects.create(
        reference="VVF-OLD0-0001",
        full_name="Old Canary",
        email="old@example.com",
        status="ACCEPTED",
        why_join="x",
    )
    check = PncCheck.objects.create(
        application=application,
        requested_on=datetime.date(2026, 10, 1),
        result_received_on=datetime.date(2026, 10, 20),
        result="DISCLOSURE",
    )
    case = SuitabilityCase.objects.create(check_record=check, outcome="ACCEPT", decided_at=now)
    Disclosure.objects.create(check_record=check, offence="x", offence_date="x", disposal="x")
    for from_status, to_status, reason, when in [
        ("PNC_CHECK", "PANEL", "PNC: disclosure", result_came),
        ("PANEL", "ACCEPTED", "Suitability panel decision", now),
    ]:
        ApplicationEvent.objects.create(
            application=application,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            at=when,
        )
    for object_type, ref, action, detail, when in [
        ("applications.application", "VVF-OLD0-0001", "VIEW", "", now),
        ("applications.application", "VVF-GONE-0001", "DELETE", "erased on request: by 0770", now),
        ("vetting.pnccheck", str(check.pk), "DECISION", "result DISCLOSURE", result_came),
        ("vetting.pnccheck", str(check.pk), "VIEW", "", result_came),
        ("vetting.suitabilitycase", str(case.pk), "VIEW", "disclosure", now),
        ("vetting.suitabilitycase", str(case.pk), "DECISION", "", now),
    ]:
        AuditEntry.objects.create(
            object_type=object_type, object_ref=ref, action=action, detail=detail, at=when
        )

    try:
        new = migrate(*latest())
        check = new.get_model("vetting", "PncCheck").objects.get()
        moves = new.get_model("applications", "ApplicationEvent").objects.values_list(
            "from_status", "to_status", "reason"
        )
        entries = new.get_model("audit", "AuditEntry").objects.order_by("pk")

        assert (check.result, check.result_received_on) == ("COMPLETE", now.date())
        assert not new.get_model("vetting", "SuitabilityCase").objects.exists()
        assert not new.get_model("vetting", "Disclosure").objects.exists()
        assert list(moves) == [("PNC_CHECK", "ACCEPTED", "PNC check complete")]
        assert [(e.object_type, e.object_ref, e.detail) for e in entries] == [
            ("applications.application", str(application.pk), ""),
            ("applications.application", "", "erased on request"),
            ("vetting.pnccheck", str(check.pk), "result recorded"),
            ("vetting.pnccheck", "", ""),
            ("vetting.disclosure", "", "criminal record information viewed"),
            ("vetting.suitabilitycase", "", "panel seat decision"),
        ]

        # The result "recorded" when the check completed, as for no record; the untied
        # entries at the start of their day in London.
        def day(when):
            return timezone.localtime(when).replace(hour=0, minute=0, second=0, microsecond=0)

        assert [e.at for e in entries][2:] == [now, day(result_came), day(now), day(now)]
        # The trail is append-only again.
        with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET detail = 'x'")
    finally:
        migrate(*latest())

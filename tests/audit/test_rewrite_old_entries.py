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

    application = Application.objects.create(
        reference="VVF-OLD0-0001", full_name="Old Canary", email="old@example.com",
        status="ACCEPTED", why_join="x",
    )  # fmt: skip
    check = PncCheck.objects.create(
        application=application, requested_on=datetime.date(2026, 10, 1),
        result_received_on=datetime.date(2026, 10, 20), result="DISCLOSURE",
    )  # fmt: skip
    case = SuitabilityCase.objects.create(check_record=check, outcome="ACCEPT", decided_at=now)
    Disclosure.objects.create(check_record=check, offence="x", offence_date="x", disposal="x")
    for from_status, to_status, reason in [
        ("PNC_CHECK", "PANEL", "PNC: disclosure"),
        ("PANEL", "ACCEPTED", "Suitability panel decision"),
    ]:
        ApplicationEvent.objects.create(
            application=application, from_status=from_status, to_status=to_status, reason=reason
        )
    for object_type, ref, action, detail in [
        ("applications.application", "VVF-OLD0-0001", "VIEW", ""),
        ("applications.application", "VVF-GONE-0001", "DELETE", "erased on request: by 07700"),
        ("vetting.pnccheck", str(check.pk), "DECISION", "result DISCLOSURE"),
        ("vetting.suitabilitycase", str(case.pk), "VIEW", "disclosure"),
        ("vetting.suitabilitycase", str(case.pk), "DECISION", ""),
    ]:
        AuditEntry.objects.create(
            object_type=object_type, object_ref=ref, action=action, detail=detail, at=now
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
        day = datetime.datetime.combine(now.date(), datetime.time(), tzinfo=datetime.UTC)
        assert [(e.object_type, e.object_ref, e.detail) for e in entries] == [
            ("applications.application", str(application.pk), ""),
            ("applications.application", "", "erased on request"),
            ("vetting.pnccheck", str(check.pk), "result recorded"),
            ("vetting.disclosure", "", "criminal record information viewed"),
            ("vetting.suitabilitycase", "", "panel seat decision"),
        ]
        assert [e.at for e in entries][3:] == [day, day]
        # The trail is append-only again.
        with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET detail = 'x'")
    finally:
        migrate(*latest())

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection, transaction
from django.db.utils import ProgrammingError
from django.urls import reverse

from audit.models import AppendOnly, AuditEntry
from audit.services import Action, audit_record
from tests.conftest import sign_in
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(db):
    return audit_record(actor=None, action=Action.VIEW, object_type="x", object_id=1)


def test_entries_cannot_be_changed_or_deleted_through_the_orm(entry):
    entry.detail = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="rewritten")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_auditentry SET detail = 'x'", "DELETE FROM audit_auditentry"]
)
def test_the_database_refuses_changes_too(entry, sql):
    with pytest.raises(ProgrammingError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)

    assert AuditEntry.objects.get().detail == ""


def test_not_even_a_superuser_can_change_entries_in_the_admin(client, entry, django_user_model):
    root = django_user_model.objects.create_superuser("root@example.com", "x" * 20)
    sign_in(client, root)

    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"detail": "x"})
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})

    assert change.status_code in (403, 404) or "detail" not in change.content.decode()
    assert delete.status_code in (403, 404)
    assert AuditEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_staff_read_and_filter_the_trail(client, user_with_role):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    audit_record(actor=None, action=Action.EXPORT, object_type="applications.application")

    response = client.get(reverse("admin:audit_auditentry_changelist"), {"action__exact": "EXPORT"})

    assert response.status_code == 200
    assert [e.action for e in response.context["cl"].result_list] == ["EXPORT"]


def test_viewing_an_application_is_audited_by_its_internal_id(client, user_with_role):
    staff = user_with_role("VVF staff", is_staff=True)
    sign_in(client, staff)
    application = ApplicationFactory(full_name="Kemi Adebayo")

    client.get(reverse("admin:applications_application_change", args=[application.pk]))

    entry = AuditEntry.objects.get(action="VIEW")
    assert (entry.actor_id, entry.object_type, entry.object_ref) == (
        staff.pk,
        "applications.application",
        str(application.pk),
    )


def test_moving_an_application_is_audited(client, user_with_role):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    application = ApplicationFactory()

    client.post(
        reverse("admin:applications_application_move", args=[application.pk]),
        {"to_status": "IN_REVIEW", "reason": "Shortlisted Kemi"},
    )

    entry = AuditEntry.objects.get(action="DECISION")
    assert (entry.object_ref, entry.detail) == (str(application.pk), "status IN_REVIEW")


def test_admin_log_holds_no_names(client, user_with_role, django_user_model):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    root = django_user_model.objects.create_superuser("root@example.com", "x" * 20)
    sign_in(client, root)
    person = django_user_model.objects.create_user("kemi.adebayo@example.com", full_name="Kemi")

    client.post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {"email": "kemi.adebayo@example.com", "full_name": "Kemi A", "is_active": "on"},
    )

    for log in LogEntry.objects.all():
        assert "kemi" not in log.object_repr.lower()
        assert "kemi" not in log.change_message.lower()
    assert AuditEntry.objects.filter(action="CHANGE", object_ref=str(person.pk)).exists()


def test_str_of_personal_records_is_opaque(django_user_model):
    from applications.models import ApplicationEvent, Consent, EqualityMonitoring

    application = ApplicationFactory(full_name="Kemi Adebayo", email="kemi@example.com")
    user = django_user_model.objects.create_user("kemi@example.com", full_name="Kemi")
    equality = EqualityMonitoring.objects.create(application=application)
    event = ApplicationEvent.objects.create(application=application, to_status="SUBMITTED")
    consent = Consent(application=application, document_id=1, given=True)

    for obj in [application, user, equality, event, consent]:
        assert "kemi" not in str(obj).lower()


def test_staff_cannot_make_anyone_superuser_or_touch_superusers(
    client, user_with_role, django_user_model
):
    staff = user_with_role("VVF staff", is_staff=True)
    sign_in(client, staff)
    root = django_user_model.objects.create_superuser("root@example.com", "x" * 20)

    client.post(
        reverse("admin:accounts_user_change", args=[staff.pk]),
        {
            "email": staff.email,
            "full_name": "Me",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
        },
    )
    staff.refresh_from_db()

    assert staff.is_superuser is False
    assert client.get(reverse("admin:accounts_user_change", args=[root.pk])).status_code in (
        200,
        404,
    )
    assert client.post(
        reverse("admin:accounts_user_change", args=[root.pk]), {"email": "x@example.com"}
    ).status_code in (403, 404)
    root.refresh_from_db()
    assert root.email == "root@example.com"


def test_setting_a_password_is_audited(client, user_with_role, django_user_model):
    sign_in(client, user_with_role("VVF staff", is_staff=True))
    person = django_user_model.objects.create_user("kemi@example.com")

    client.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
            "usable_password": "true",
        },
    )

    assert AuditEntry.objects.filter(
        action="CHANGE", object_ref=str(person.pk), detail="password set by staff"
    ).exists()


def test_authenticator_keys_are_hidden_even_from_superusers(client, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    root = django_user_model.objects.create_superuser("root@example.com", "x" * 20)
    sign_in(client, root)
    device = TOTPDevice.objects.get(user=root)

    for name in ["admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"]:
        assert client.get(reverse(name, args=[device.pk])).status_code == 404
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert device.key not in page.content.decode()

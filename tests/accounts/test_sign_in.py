import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import roles
from audit.models import AuditEntry
from tests.accounts.helpers import LOGIN, app_device, code_step, current_code, password_step
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_roles_exist_as_groups():
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)


def test_vvf_staff_role_may_change_applications_but_not_delete_them():
    codenames = set(
        Group.objects.get(name=roles.VVF_STAFF).permissions.values_list("codename", flat=True)
    )

    assert {"view_application", "change_application", "view_forum", "view_auditentry"} <= codenames
    # The one exception: withdrawing a translator's check (no personal data in it).
    deletes = {codename for codename in codenames if codename.startswith("delete_")}
    assert deletes == {"delete_translationcheck"}


def test_password_then_app_code_signs_in(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, email="sam@example.com", is_staff=True)
    device = app_device(user)

    first = password_step(client, "sam@example.com")
    assert first.status_code == 200
    assert "Security code" in first.content.decode()
    response = code_step(client, current_code(device))

    assert response["Location"] == reverse("accounts-home")
    home = client.get(reverse("accounts-home"))
    assert home.context["user"] == user
    assert home.context["user"].is_verified()
    assert AuditEntry.objects.filter(action="SIGN_IN", object_ref=str(user.pk)).count() == 1


def test_a_wrong_code_is_refused(client, user_with_role):
    user = user_with_role(roles.FACILITATOR, email="fem@example.com")
    app_device(user)
    password_step(client, "fem@example.com")

    response = code_step(client, "000000")

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert client.get(reverse("accounts-home")).status_code == 302


def test_a_code_cannot_be_used_twice(client, user_with_role):
    user = user_with_role(roles.FACILITATOR, email="fem@example.com")
    device = app_device(user)
    code = current_code(device)
    password_step(client, "fem@example.com")
    code_step(client, code)
    client.post(reverse("logout"))

    password_step(client, "fem@example.com")
    response = code_step(client, code)

    assert response.status_code == 200
    assert client.get(reverse("accounts-home")).status_code == 302


def test_backup_code_signs_in_once(client, user_with_role):
    user = user_with_role(roles.POLICE_LEAD, email="pol@example.com")
    app_device(user)
    backup = StaticDevice.objects.create(user=user, name="backup")
    backup.token_set.create(token="abcd1234")
    prefix = "sign_in_view"

    password_step(client, "pol@example.com")
    client.post(LOGIN, {f"{prefix}-current_step": "token", "wizard_goto_step": "backup"})
    response = client.post(
        LOGIN, {f"{prefix}-current_step": "backup", "backup-otp_token": "abcd1234"}
    )

    assert response["Location"] == reverse("accounts-home")
    assert backup.token_set.count() == 0


def test_first_sign_in_requires_setting_up_the_app(client, user_with_role):
    user = user_with_role(roles.PANEL_MEMBER, email="pat@example.com")

    response = password_step(client, "pat@example.com")
    assert response["Location"] == reverse("accounts-home")

    assert client.get(reverse("accounts-home"))["Location"] == reverse("two_factor:setup")
    assert client.get("/admin/")["Location"] == reverse("two_factor:setup")
    assert client.get(reverse("two_factor:setup")).status_code == 200
    # Set up the app: welcome, then the code.
    client.post(reverse("two_factor:setup"), {"set_up_view-current_step": "welcome"})
    key = client.session["django_two_factor-qr_secret_key"]
    from base64 import b32decode

    from django_otp.oath import totp

    code = f"{totp(b32decode(key)):06d}"
    response = client.post(
        reverse("two_factor:setup"),
        {"set_up_view-current_step": "generator", "generator-token": code},
    )
    assert response["Location"] == reverse("two_factor:setup_complete")
    assert client.get(reverse("accounts-home")).status_code == 200
    assert user.totpdevice_set.count() == 1


def test_there_is_no_sms_method(client, user_with_role):
    from django.conf import settings

    assert not any("phonenumber" in app for app in settings.INSTALLED_APPS)
    assert not any("twilio" in app for app in settings.INSTALLED_APPS)


def test_wrong_password_shows_error_summary_and_keeps_email(client, user_with_role):
    user_with_role(roles.PANEL_MEMBER, email="pat@example.com")

    response = password_step(client, "pat@example.com", "nope")

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert 'value="pat@example.com"' in html
    assert "<title>Error:" in html


def test_empty_sign_in_links_each_error_to_its_field(client):
    html = client.post(LOGIN, {"sign_in_view-current_step": "auth"}).content.decode()

    assert '<a href="#id_auth-username">Enter your email address</a>' in html
    assert '<a href="#id_auth-password">Enter your password</a>' in html


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("short-pass", False),
        ("password1234", False),
        ("123456789012", False),
        ("correct horse battery", True),
    ],
)
def test_password_rules(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


@pytest.mark.parametrize("role", [r for r in roles.ALL_ROLES if r != roles.VVF_STAFF])
def test_other_roles_cannot_use_the_admin(client, user_with_role, role):
    sign_in(client, user_with_role(role))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 404  # out of reach; sending them to sign in would loop


def test_admin_needs_the_second_factor(client, user_with_role):
    client.force_login(user_with_role(roles.VVF_STAFF, is_staff=True))

    response = client.get(reverse("admin:applications_application_changelist"))

    assert response["Location"] == reverse("two_factor:setup")


def test_vvf_staff_reach_the_applications_admin(client, user_with_role):
    sign_in(client, user_with_role(roles.VVF_STAFF, is_staff=True))

    response = client.get(reverse("admin:applications_application_changelist"))

    assert response.status_code == 200


def test_account_home_needs_sign_in(client):
    response = client.get(reverse("accounts-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_sign_out_ends_the_session(client, user_with_role):
    sign_in(client, user_with_role(roles.FACILITATOR))

    client.post(reverse("logout"))

    assert client.get(reverse("accounts-home")).status_code == 302

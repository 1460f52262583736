import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from audit.models import AuditEntry
from tests.accounts.helpers import app_device, code_step, current_code, password_step
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_five_failures_lock_the_account_even_with_the_right_password(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, email="sam@example.com", is_staff=True)
    app_device(user)

    statuses = [password_step(client, "sam@example.com", "wrong").status_code for _ in range(5)]
    locked = password_step(client, "sam@example.com")

    # The fifth failure locks the pair out; the next attempt is refused.
    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "Sign-in paused for 15 minutes" in locked.content.decode()
    # Five wrong passwords, and the attempt refused while locked out.
    assert AuditEntry.objects.filter(action="SIGN_IN_FAILED").count() == 6
    assert AuditEntry.objects.filter(action="LOCKED_OUT", object_ref=str(user.pk)).exists()
    assert not AuditEntry.objects.filter(detail__icontains="sam@example.com").exists()


def test_lockout_is_for_that_account_and_client_only(client, user_with_role):
    from django.test import Client

    user_with_role(roles.VVF_STAFF, email="sam@example.com")
    other = user_with_role(roles.FACILITATOR, email="fem@example.com")
    app_device(other)
    for _ in range(5):
        password_step(client, "sam@example.com", "wrong")

    assert password_step(client, "fem@example.com").status_code == 200
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert password_step(elsewhere, "sam@example.com", "wrong").status_code == 200


def test_forged_forwarded_for_does_not_dodge_the_lockout(client, user_with_role, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user_with_role(roles.VVF_STAFF, email="sam@example.com")
    for n in range(5):
        client.post(
            "/accounts/login/",
            {
                "sign_in_view-current_step": "auth",
                "auth-username": "sam@example.com",
                "auth-password": "wrong",
            },
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7",
        )

    locked = client.post(
        "/accounts/login/",
        {
            "sign_in_view-current_step": "auth",
            "auth-username": "sam@example.com",
            "auth-password": "wrong",
        },
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7",
    )

    assert locked.status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, user_with_role):
    from axes.models import AccessAttempt, AccessAttemptExpiration

    user = user_with_role(roles.VVF_STAFF, email="sam@example.com", is_staff=True)
    device = app_device(user)
    for _ in range(5):
        password_step(client, "sam@example.com", "wrong")
    # Sixteen minutes later:
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    AccessAttemptExpiration.objects.update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert password_step(client, "sam@example.com").status_code == 200
    assert code_step(client, current_code(device)).status_code == 302


def age_session(client, **seconds_ago):
    session = client.session
    now = timezone.now().timestamp()
    for key, ago in seconds_ago.items():
        session[{"signed_in": SIGNED_IN_AT, "seen": LAST_SEEN}[key]] = now - ago
    session.save()


def test_idle_for_30_minutes_signs_out(client, user_with_role):
    sign_in(client, user_with_role(roles.VVF_STAFF, is_staff=True))
    client.get(reverse("accounts-home"))
    age_session(client, seen=31 * 60)

    response = client.get(reverse("accounts-home"))

    assert response["Location"] == reverse("two_factor:login")
    assert client.get(reverse("accounts-home")).status_code == 302


def test_active_within_30_minutes_stays_signed_in(client, user_with_role):
    sign_in(client, user_with_role(roles.VVF_STAFF, is_staff=True))
    client.get(reverse("accounts-home"))
    age_session(client, seen=29 * 60)

    assert client.get(reverse("accounts-home")).status_code == 200


def test_eight_hours_after_sign_in_signs_out_even_when_active(client, user_with_role):
    sign_in(client, user_with_role(roles.VVF_STAFF, is_staff=True))
    client.get(reverse("accounts-home"))
    age_session(client, signed_in=8 * 3600 + 1, seen=10)

    assert client.get(reverse("accounts-home")).status_code == 302


def test_signing_in_gives_a_new_session_key(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, email="sam@example.com")
    device = app_device(user)
    client.get("/apply/date-of-birth/")
    password_step(client, "sam@example.com")
    before = client.session.session_key

    code_step(client, current_code(device))

    assert client.session.session_key != before


def test_deactivating_a_user_ends_their_session(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, is_staff=True)
    sign_in(client, user)
    assert client.get(reverse("accounts-home")).status_code == 200

    user.is_active = False
    user.save()

    assert client.get(reverse("accounts-home")).status_code == 302


def test_axes_keeps_neither_the_password_nor_the_address_typed(client, user_with_role):
    from axes.models import AccessAttempt

    user_with_role(roles.VVF_STAFF, email="sam@example.com")

    password_step(client, "sam@example.com", "NearlyMyRealPassword!")

    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "NearlyMyRealPassword" not in stored
    assert "sam@example.com" not in stored


def test_a_wrong_code_is_a_failed_sign_in_that_counts_towards_the_lockout(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, email="sam@example.com", is_staff=True)
    app_device(user)

    for _ in range(5):
        password_step(client, "sam@example.com")
        code_step(client, "000000")

    assert AuditEntry.objects.filter(action="SIGN_IN_FAILED", object_ref=str(user.pk)).count() >= 5
    assert password_step(client, "sam@example.com").status_code == 429

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from tests.factories import PASSWORD


def test_roles_exist_as_groups(db):
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL_ROLES)


def test_vvf_staff_role_may_change_applications_but_not_delete_them(db):
    codenames = set(
        Group.objects.get(name=roles.VVF_STAFF).permissions.values_list("codename", flat=True)
    )

    assert {"view_application", "change_application", "view_forum"} <= codenames
    assert not any(codename.startswith("delete_") for codename in codenames)


def test_staff_sign_in_with_email(client, user_with_role):
    user = user_with_role(roles.VVF_STAFF, email="sam@example.com", is_staff=True)

    response = client.post(
        reverse("login"), {"username": "sam@example.com", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(reverse("accounts-home"), 302)]
    assert response.context["user"] == user
    assert "VVF staff" in response.content.decode()


def test_wrong_password_shows_error_summary_and_keeps_email(client, user_with_role):
    user_with_role(roles.PANEL_MEMBER, email="pat@example.com")

    response = client.post(reverse("login"), {"username": "pat@example.com", "password": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert 'value="pat@example.com"' in html
    assert "<title>Error:" in html


def test_empty_sign_in_links_each_error_to_its_field(client, db):
    html = client.post(reverse("login"), {}).content.decode()

    assert '<a href="#id_username">Enter your email address</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert 'aria-describedby="id_username-error"' in html


@pytest.mark.parametrize("role", [r for r in roles.ALL_ROLES if r != roles.VVF_STAFF])
def test_other_roles_cannot_use_the_admin(client, user_with_role, role):
    client.force_login(user_with_role(role))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_vvf_staff_reach_the_applications_admin(client, user_with_role):
    client.force_login(user_with_role(roles.VVF_STAFF, is_staff=True))

    response = client.get(reverse("admin:applications_application_changelist"))

    assert response.status_code == 200


def test_account_home_needs_sign_in(client, db):
    response = client.get(reverse("accounts-home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_out_ends_the_session(client, user_with_role):
    client.force_login(user_with_role(roles.FACILITATOR))

    client.post(reverse("logout"))

    assert client.get(reverse("accounts-home")).status_code == 302

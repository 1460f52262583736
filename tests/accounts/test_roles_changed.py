"""A change of someone's roles in the admin changes which forums they work with:
accounts sends roles_changed, and forums (which owns forum access) answers it."""

from django.contrib.auth.models import Group

from accounts.roles import FACILITATOR, VVF_STAFF
from forums.permissions import forums_for_user
from programme.models import Forum
from tests.conftest import sign_in


def test_giving_and_taking_the_facilitator_role_gives_and_takes_the_forum(client, user_with_role):
    staff = user_with_role(VVF_STAFF, is_staff=True)
    person = user_with_role(FACILITATOR)
    person.groups.clear()
    forum = Forum.objects.get(slug="vawg")
    forum.facilitators.add(person)
    sign_in(client, staff)
    url = f"/admin/accounts/user/{person.pk}/change/"
    form = {
        "email": person.email,
        "full_name": person.full_name,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
    }

    client.post(url, {**form, "groups": [Group.objects.get(name=FACILITATOR).pk]})
    given = list(forums_for_user(person))
    client.post(url, form)
    taken = list(forums_for_user(person))

    assert (given, taken) == ([forum], [])

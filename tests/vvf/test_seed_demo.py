import pytest
from django.core.management import CommandError, call_command

from accounts import roles
from accounts.models import User
from applications.models import Application


def test_seed_demo_creates_one_user_per_role_and_runs_twice(db, settings, capsys):
    settings.DEBUG = True

    call_command("seed_demo")
    call_command("seed_demo")

    assert set(User.objects.values_list("groups__name", flat=True)) == set(roles.ALL_ROLES)
    assert Application.objects.count() == 8
    assert "staff@example.com" in capsys.readouterr().out


def test_seed_demo_refuses_without_debug(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")

    assert User.objects.count() == 0


def test_seed_demo_makes_members_with_meetings_and_a_sign_in_link(db, settings, capsys):
    from forums.models import Meeting, Membership

    settings.DEBUG = True
    call_command("seed_demo")

    assert Membership.objects.count() == 3
    assert Meeting.objects.filter(forum__slug="vawg").count() == 2
    assert "/member/sign-in/" in capsys.readouterr().out


def test_seed_demo_gives_the_partners_forums_meetings_too(db, settings):
    from forums.models import Meeting

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")

    by_forum = {
        slug: Meeting.objects.filter(forum__slug=slug).count()
        for slug in ("disabled-victims", "lgbtq-victims")
    }
    assert by_forum == {"disabled-victims": 2, "lgbtq-victims": 2}

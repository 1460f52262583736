"""Organisation and Forum moved from the forums app to programme (issue 18) without
moving a row: the forums, the people who work with them and django-guardian's per-forum
grants are all still there after the migration, under the programme app's names."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from guardian.core import ObjectPermissionChecker
from guardian.models import UserObjectPermission

from accounts.models import User
from programme.models import Forum
from tests.migrating import latest, migrate

BEFORE = [
    ("forums", "0009_status_events"),
    ("applications", "0008_retentionhold_to_privacy"),
    ("feedback", "0002_themes"),
    ("privacy", "0001_initial"),
]


def test_forums_and_their_grants_survive_the_move(committed_db):
    # The content types and permissions a live database has (post_migrate makes them).
    create_permissions(apps.get_app_config("programme"), verbosity=0)
    old = migrate([("programme", None)], state=BEFORE)
    try:
        OldForum = old.get_model("forums", "Forum")
        forum_type = old.get_model("contenttypes", "ContentType").objects.get(
            app_label="forums", model="forum"
        )
        permission = old.get_model("auth", "Permission").objects.get(
            content_type=forum_type, codename="work_with_forum"
        )
        user = old.get_model("accounts", "User").objects.create(email="facilitator@example.com")
        vawg = OldForum.objects.get(slug="vawg")
        vawg.facilitators.add(user)
        grant = UserObjectPermission(
            user_id=user.pk,
            permission_id=permission.pk,
            content_type_id=forum_type.pk,
            object_pk=str(vawg.pk),
        )
        UserObjectPermission.objects.bulk_create([grant])  # save() checks today's models

        migrate(latest())

        assert not ContentType.objects.filter(app_label="forums", model="forum").exists()
        assert Permission.objects.get(codename="work_with_forum").content_type.app_label == (
            "programme"
        )
        user = User.objects.get(email="facilitator@example.com")
        forum = Forum.objects.get(slug="vawg")
        assert list(forum.facilitators.all()) == [user]
        assert ObjectPermissionChecker(user).has_perm("programme.work_with_forum", forum)
        assert not ObjectPermissionChecker(user).has_perm(
            "programme.work_with_forum", Forum.objects.get(slug="lgbtq-victims")
        )
    finally:
        migrate(latest())

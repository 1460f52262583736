from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self):
        from applications.signals import status_changed

        from . import next_steps  # noqa: F401  (registers the membership step)
        from .services.memberships import auto_membership

        status_changed.connect(auto_membership, dispatch_uid="forums.auto_membership")

        from accounts.signals import roles_changed

        from .permissions import sync_after_roles_changed

        roles_changed.connect(sync_after_roles_changed, dispatch_uid="forums.roles_changed")

        from programme.signals import forum_people_changed

        from .permissions import sync_after_forum_people_changed

        forum_people_changed.connect(
            sync_after_forum_people_changed, dispatch_uid="forums.forum_people_changed"
        )

        from django.db.models.signals import post_delete

        from .models import ExpenseClaim, MeetingNote
        from .services.stored_files import stored_files_delete

        for model in (ExpenseClaim, MeetingNote):
            post_delete.connect(stored_files_delete, sender=model, dispatch_uid=f"files-{model}")

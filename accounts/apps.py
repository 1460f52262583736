from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts"

    def ready(self):
        from .roles import sync_role_permissions

        # Sent once per app; permissions of later apps exist only after theirs, so the
        # sync runs every time (it is idempotent and cheap).
        post_migrate.connect(sync_role_permissions, dispatch_uid="sync_role_permissions")

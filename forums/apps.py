from django.apps import AppConfig


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = "Forums"

    def ready(self):
        from applications.signals import status_changed

        from .services import auto_membership

        status_changed.connect(auto_membership, dispatch_uid="forums.auto_membership")

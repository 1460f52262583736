from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The append-only audit trail: who did what to which record, never the data."""

    name = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from . import signals  # noqa: F401

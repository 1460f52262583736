from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """Audit entries are never changed or deleted."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")

    def expire(self, *, before, limit):
        """The one sanctioned deletion, for the retention sweep alone (privacy/retention.py,
        RETENTION["AUDIT_MONTHS"]): up to `limit` entries made before `before`, in the
        caller's transaction. On PostgreSQL it tells the trigger the bound for this
        transaction only (SET LOCAL vvf.audit_keep_before); the trigger refuses any
        other deletion, and any row at or after the bound. Returns how many went."""
        if not connection.in_atomic_block:
            raise AppendOnly("Expiring audit entries needs a transaction of its own.")
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT set_config('vvf.audit_keep_before', %s, true)", [before.isoformat()]
                )
            # The table's name from the model; the bound and the limit are parameters. On
            # PostgreSQL the trigger also keeps six years by the database's clock, so the
            # rows are chosen by that clock too (a sweep run as if later takes none younger).
            floor = (
                " AND at < now() - interval '72 months'"
                if connection.vendor == "postgresql"
                else ""
            )
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN "  # nosec B608
                f"(SELECT id FROM {table} WHERE at < %s{floor} ORDER BY id LIMIT %s)",
                [connection.ops.adapt_datetimefield_value(before), limit],
            )
            deleted = cursor.rowcount
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('vvf.audit_keep_before', '', true)")
        return deleted


class AuditEntry(models.Model):
    """One thing a signed-in person did with personal data, or a sign-in event.

    Holds who (a user id, not a name), what, which record (its type and an opaque id or
    reference) and when (UTC). Never the data itself. On PostgreSQL a trigger refuses
    UPDATE and DELETE too, so not even a superuser with a shell can rewrite it.
    """

    class Action(models.TextChoices):
        VIEW = "VIEW", _("Viewed")
        CREATE = "CREATE", _("Created")
        CHANGE = "CHANGE", _("Changed")
        DECISION = "DECISION", _("Decided")
        EXPORT = "EXPORT", _("Exported")
        DELETE = "DELETE", _("Deleted")
        SIGN_IN = "SIGN_IN", _("Signed in")
        SIGN_IN_FAILED = "SIGN_IN_FAILED", _("Sign-in failed")
        LOCKED_OUT = "LOCKED_OUT", _("Locked out")
        SIGN_OUT = "SIGN_OUT", _("Signed out")

    at = models.DateTimeField(_("when (UTC)"), default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(_("user id"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_ref = models.CharField(_("record"), max_length=64, blank=True, db_index=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"audit {self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")


class PendingTask(models.Model):
    """A Celery task queued in a transaction and not yet handed to the broker (the
    outbox, vvf/outbox.py). Written with the transaction, so nothing queued is lost
    when Redis is down; deleted once published. Its arguments are ids, never personal
    data."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"pending task {self.pk}"

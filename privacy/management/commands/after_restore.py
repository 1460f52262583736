"""Run after restoring a backup, before the service opens again (docs/security.md,
"Backups and restores"): erases again everyone the erasure ledger lists, then runs the
retention sweep, so that the restored database keeps the promises the service made
since the backup was taken."""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from privacy import retention


class Command(BaseCommand):
    help = (
        "After a restore, with the service closed: erase again everyone the erasure ledger "
        "lists, then run the retention sweep. Open the service only once it succeeds."
    )

    def handle(self, *args, **options):
        try:
            erased = retention.erase_again_after_restore()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{retention.ERASURE_AGAIN_RULE}: {erased} deleted")
        for rule, deleted in retention.enforce().items():
            self.stdout.write(f"{rule}: {deleted} deleted")
        self.stdout.write("Done: the service may open.")

"""Deletes what the retention rules say is due, as the daily Celery task does."""

from django.core.management.base import BaseCommand

from privacy import retention


class Command(BaseCommand):
    help = "Delete what the retention rules say is due. --dry-run lists it by reference."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted and why."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            found = list(retention.due())
            for item in found:
                self.stdout.write(f"{item.reference}  {item.rule}: {item.reason}")
            self.stdout.write(f"{len(found)} would be deleted. Nothing was deleted.")
            return
        counts = retention.enforce()
        for rule, deleted in counts.items():
            self.stdout.write(f"{rule}: {deleted} deleted")

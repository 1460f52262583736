"""After putting a new key first in FIELD_ENCRYPTION_KEYS: re-encrypt every stored PNC
field with it, so that the old key can then be removed."""

from django.core.management.base import BaseCommand
from django.db import transaction

from vetting.models import Disclosure, PanelSeat


class Command(BaseCommand):
    help = "Re-encrypt PNC disclosures and panel reasons with the newest field key."

    def handle(self, *args, **options):
        with transaction.atomic():
            disclosures = list(Disclosure.objects.select_for_update())
            for disclosure in disclosures:
                disclosure.save(update_fields=["offence", "offence_date", "disposal", "notes"])
            seats = list(PanelSeat.objects.select_for_update().exclude(rationale=""))
            for seat in seats:
                seat.save(update_fields=["rationale"])
        self.stdout.write(f"Re-encrypted {len(disclosures)} disclosures and {len(seats)} reasons.")

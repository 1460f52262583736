import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from tests.vetting.helpers import OFFENCE, open_case
from vetting.models import Disclosure
from vvf.encryption import _fernet

pytestmark = pytest.mark.django_db


def stored_offence():
    with connection.cursor() as cursor:
        cursor.execute("SELECT offence FROM vetting_disclosure")
        return cursor.fetchone()[0]


def test_keys_rotate_without_losing_anything(settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    open_case()
    new = Fernet.generate_key().decode()

    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    _fernet.cache_clear()
    assert Disclosure.objects.get().offence == OFFENCE  # old rows still read
    call_command("reencrypt_pnc_fields")

    settings.FIELD_ENCRYPTION_KEYS = [new]
    _fernet.cache_clear()
    assert Disclosure.objects.get().offence == OFFENCE
    assert Fernet(new.encode()).decrypt(stored_offence().encode()).decode() == OFFENCE
    _fernet.cache_clear()

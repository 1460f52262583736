"""Field encryption for PNC disclosures: Fernet (AES-128-CBC with HMAC) with the keys in
FIELD_ENCRYPTION_KEYS, newest first. MultiFernet decrypts with any of them, so a new key
can be put in front while old rows are still readable (docs/security.md)."""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet(keys):
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (see .env.example)."
        ) from None


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


class EncryptedTextField(models.TextField):
    """Text stored encrypted: the database only ever holds ciphertext."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return fernet().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            raise ImproperlyConfigured(
                "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: was a key "
                "removed before its rows were re-encrypted?"
            ) from None

"""Spreadsheets of personal data leave the service only encrypted.

The workbook is built in memory, encrypted in memory with msoffcrypto-tool under a new
random password, and the encrypted file is held in the cache for ten minutes for one
download. The password is shown once, on the page that offers the download, and is
stored nowhere. No plaintext file touches the disk.
"""

import io
import secrets

from django.core.cache import cache
from django.http import FileResponse, Http404
from msoffcrypto.format.ooxml import OOXMLFile

# No look-alike characters: the password is read off a screen and typed.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 24
HOLD_SECONDS = 600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def new_password():
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def encrypt_xlsx(plain, password):
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, encrypted)
    return encrypted.getvalue()


def prepare(plain, filename, *, user):
    """Encrypts the workbook and holds it for one download by `user`.
    Returns (token, password)."""
    password = new_password()
    token = secrets.token_urlsafe(24)
    cache.set(
        f"export:{token}",
        {"user": user.pk, "filename": filename, "content": encrypt_xlsx(plain, password)},
        HOLD_SECONDS,
    )
    return token, password


def take(token, *, user):
    """The held file, once, for the user who made it; None otherwise."""
    key = f"export:{token}"
    held = cache.get(key)
    if not held or held["user"] != user.pk:
        return None
    # Only the request that actually removes it gets the file, even when two race.
    if not cache.delete(key):
        return None
    return held["filename"], held["content"]


def download_response(token, *, user):
    """The prepared file as an attachment, once, for the user who prepared it; 404
    otherwise."""
    held = take(token, user=user)
    if held is None:
        raise Http404
    filename, content = held
    # Sent in blocks as the client reads them, not as one body.
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=XLSX
    )

"""Files sent with a form: a name of any length is taken, and shortened.

Django reads at most 1,024 bytes of the headers of each part of a form sent with files,
where the file's name is, so a name of some 950 characters or more made the whole page
fail (and a long "extension" failed the temporary file of a large upload). The headers
may now be as long as PART_HEADERS_MAX_BYTES, and each upload handler shortens the name
before anything uses it, keeping its extension. Receipts and recordings are stored under
random names anyway (forums/models.py); the import's spreadsheet is not stored at all.
"""

import os

from django.core.files import uploadhandler
from django.http import multipartparser

# A name of 1,000 characters of 4 bytes each, percent-encoded, fits; longer headers are
# still refused, with the page for a request too large to read (vvf.views.bad_request).
PART_HEADERS_MAX_BYTES = 16 * 1024
# Django's FileField keeps names of up to 100 characters.
NAME_MAX_CHARS = 100
EXTENSION_MAX_CHARS = 10


def read_longer_part_headers():
    """Called once, when the service starts (vvf/apps.py)."""
    multipartparser.MAX_TOTAL_HEADER_SIZE = PART_HEADERS_MAX_BYTES


def short_name(name, most=NAME_MAX_CHARS):
    """`name` cut to `most` characters, keeping its extension (up to 10 characters)."""
    if len(name) <= most:
        return name
    stem, extension = os.path.splitext(name)
    extension = extension[:EXTENSION_MAX_CHARS]
    return stem[: most - len(extension)] + extension


class ShortNameMixin:
    def new_file(self, field_name, file_name, *args, **kwargs):
        return super().new_file(field_name, short_name(file_name), *args, **kwargs)


class MemoryFileUploadHandler(ShortNameMixin, uploadhandler.MemoryFileUploadHandler):
    """Django's, with the name shortened."""


class TemporaryFileUploadHandler(ShortNameMixin, uploadhandler.TemporaryFileUploadHandler):
    """Django's, with the name shortened."""

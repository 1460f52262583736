"""What the test suite changes. The database and broker come from `make test`."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXByb2Q=")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SITE_URL", "http://testserver")
# The tests' browser talks plain HTTP to the live server: no Secure or __Host- cookies.
os.environ.setdefault("SECURE_COOKIES", "0")
# Uploaded files (receipts, recordings) go to a throwaway folder. Set in the environment,
# so a Celery worker started by a test uses the same folder.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="vvf-test-media-"))
# The erasure ledger too (privacy/ledger.py), never the developer's var/.
os.environ.setdefault(
    "ERASURE_LEDGER_PATH",
    os.path.join(tempfile.mkdtemp(prefix="vvf-test-ledger-"), "erasure-ledger.txt"),
)

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A worker process cannot share the test's memory: it writes emails to files instead.
EMAIL_BACKEND = os.environ.get(
    "TEST_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend"
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.factories import UserFactory
from vvf.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    # The suite runs against the real services `make test` starts; a missing one is an
    # error that says what to do, never a skip.
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise pytest.UsageError(
            "The tests need PostgreSQL and Redis. Run them with `make test`, or "
            "`bin/with-test-services .venv/bin/pytest`."
        )


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """What the data migrations made (roles, forums, wordings), serialised once."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def committed_db(migrated_data, transactional_db):
    """A database whose writes are committed, so other processes and threads see them,
    holding what the migrations made. (Transactional tests empty the tables afterwards;
    Django's own serialized rollback is bound to the connection object, which Playwright's
    greenlets can swap.)"""
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(migrated_data)
    # The rows came back with their ids: each table's next id follows them again.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no requests counted against the public forms' rate limits
    (vvf.abuse): the suite sends more applications from one address than an hour allows."""
    server = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(server.scan_iter("*ratelimit:*", count=1000))
    if keys:
        server.delete(*keys)
    server.close()


def sign_in(client, user):
    """Signs the user in with both factors, as if they had entered a code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def user_with_role(db):
    def make(role, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


def service_env(**overrides):
    """The environment for a subprocess of this service, pointed at the test database."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    settings = connection.settings_dict
    env["DATABASE_URL"] = (
        f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    )
    env["DJANGO_SETTINGS_MODULE"] = "vvf.settings_test"
    env.update(overrides)
    return env


@pytest.fixture
def celery_worker(committed_db, tmp_path):
    """A real Celery worker process consuming from the test Redis. Messages left by
    earlier tests (which queue tasks without a worker) are purged first."""
    celery_app.control.purge()
    log = open(tmp_path / "worker.log", "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "vvf",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"test-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=service_env(
            TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(tmp_path / "emails"),
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if celery_app.control.inspect(timeout=0.5).ping():
                break
            if process.poll() is not None:
                raise RuntimeError((tmp_path / "worker.log").read_text())
        else:
            raise RuntimeError("The Celery worker did not start within 30 seconds.")
        process.email_dir = tmp_path / "emails"
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def wait_until(condition, timeout=30):
    """Polls `condition` until it is true or `timeout` seconds pass; its last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def sent_emails(worker, count, timeout=20):
    """The emails the worker has written, waiting until there are `count` of them."""
    import email

    deadline = time.monotonic() + timeout
    while True:
        files = sorted(worker.email_dir.glob("*.log")) if worker.email_dir.exists() else []
        messages = []
        for path in files:
            for chunk in path.read_text().split("-" * 79):
                if chunk.strip():
                    messages.append(email.message_from_string(chunk.strip()))
        if len(messages) >= count or time.monotonic() > deadline:
            return messages
        time.sleep(0.2)

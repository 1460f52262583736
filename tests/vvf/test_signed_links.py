"""No signed link in any production log (vvf/signed_links.py): one of each link the service
makes, logged through Django's logging, a real Celery worker's and a real gunicorn's
access log, arrives with its token cut out; local development's emails print whole."""

import io
import logging
import os
import re
import secrets
import shlex
import subprocess
import sys

import pytest
import requests
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, StringConverter
from openpyxl import Workbook

from applications.models import SavedDraft
from applications.services import application_from_status_token, draft_token, status_token
from forums.models import MemberLink
from forums.services.member_links import member_link_token
from tests.conftest import ROOT, service_env, wait_until
from tests.factories import ApplicationFactory, UserFactory
from tests.forums.helpers import make_member
from tests.test_production_smoke import free_port
from vvf import secure_export
from vvf.celery import app as celery_app
from vvf.gunicorn_logging import RedactingLogger
from vvf.reporting import NoPersonalDataFormatter
from vvf.signed_links import REDACTED, redact, signed_routes
from vvf.xlsx import streaming_sheet, workbook_bytes

# Parameters that Django's admin builds from record ids, app names and its catch-all.
ADMIN_PLUMBING = {"object_id", "content_type_id", "id", "app_label", "url"}


def export_token(user):
    workbook = Workbook(write_only=True)
    streaming_sheet(workbook, "Sheet", [("a column", 10)])
    token, _password = secure_export.prepare(workbook_bytes(workbook), "x.xlsx", user=user)
    return token


def one_of_each_signed_link():
    """{URL name: path} for every signed link, each made as the service makes it."""
    staff = UserFactory(role="VVF staff", is_staff=True)
    application = status_token(ApplicationFactory())
    draft = SavedDraft.objects.create(
        nonce=secrets.token_urlsafe(24), email="saved@example.com", answers={}
    )
    member = MemberLink.objects.create(membership=make_member(), nonce=secrets.token_urlsafe(24))
    tokens = {
        "applications:status": application,
        "applications:status-contact": application,
        "applications:status-withdraw": application,
        "applications:resume": draft_token(draft),
        "members:sign-in": member_link_token(member),
        "feedback:report-download": export_token(staff),
        "admin:applications_application_export_download": export_token(staff),
        "admin:forums_expenseclaim_export_download": export_token(staff),
        "admin:opportunities_opportunity_met_export_download": export_token(staff),
    }
    return {name: reverse(name, kwargs={"token": token}) for name, token in tokens.items()}


def token_of(path):
    (token,) = [part for part in path.split("/") if len(part) >= 24]
    return token


def redacted(path):
    return path.replace(token_of(path), REDACTED)


def url_parameters(patterns, namespace="", params=()):
    """(URL name, parameter, converter or None) for every value any URL pattern takes."""
    for entry in patterns:
        converters = getattr(entry.pattern, "converters", {})
        own = [(name, converters.get(name)) for name in entry.pattern.regex.groupindex]
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_parameters(entry.url_patterns, inner, (*params, *own))
        else:
            for name, converter in (*params, *own):
                yield f"{namespace}{entry.name}", name, converter


def test_every_url_parameter_is_a_record_id_a_slug_or_a_signed_link():
    others = []
    for url_name, parameter, converter in url_parameters(get_resolver().url_patterns):
        if parameter == "token":
            # A token with a slash in it would be cut only up to the slash.
            assert type(converter) is StringConverter, url_name
        elif isinstance(converter, IntConverter | SlugConverter):
            continue
        elif url_name.startswith("admin:") and parameter in ADMIN_PLUMBING:
            continue
        else:
            others.append((url_name, parameter))

    # A value in an address that is not a record's id or a slug: if it works as a
    # password, name it `token` (vvf/signed_links.py then cuts it out of every log).
    assert others == []


@pytest.mark.django_db
def test_one_of_each_signed_link_is_made_here():
    routes = {name for name, _prefix in signed_routes()}

    assert set(one_of_each_signed_link()) == routes


@pytest.mark.django_db
def test_django_logs_cut_every_signed_link():
    links = one_of_each_signed_link()
    # The formatter LOGGING gave the root logger, writing to a buffer.
    (formatter,) = {
        handler.formatter
        for handler in logging.getLogger().handlers
        if isinstance(handler.formatter, NoPersonalDataFormatter)
    }
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logging.getLogger().addHandler(handler)
    try:
        for path in links.values():
            referrer = f"https://vvf.example.org{links['applications:status']}"
            logging.getLogger("django.request").warning("Not Found: %s from %s", path, referrer)
    finally:
        logging.getLogger().removeHandler(handler)

    logged = stream.getvalue()
    for path in links.values():
        assert token_of(path) not in logged
        assert f"Not Found: {redacted(path)} from https://vvf.example.org/apply/status/" in logged


def test_redact_keeps_the_address_and_cuts_only_the_token():
    assert redact("GET /apply/status/eyJhIjoxfQ:1abc:xyz/withdraw/ 200") == (
        "GET /apply/status/[removed]/withdraw/ 200"
    )
    assert redact('"/admin/login/?next=/feedback/reports/download/Ab-_9%3A1/" 302') == (
        '"/admin/login/?next=/feedback/reports/download/[removed]/" 302'
    )
    assert redact("/apply/date-of-birth/ /member/meetings/4/ /feedback/reports/7/") == (
        "/apply/date-of-birth/ /member/meetings/4/ /feedback/reports/7/"
    )


@pytest.mark.parametrize("active", ["en-gb", "easy-read", "pl", "ar"])
def test_links_in_every_language_are_cut_whatever_language_was_active_first(active):
    from django.utils import translation

    from vvf.signed_links import _compiled

    _compiled.cache_clear()
    try:
        with translation.override(active):
            redact("warm up")  # the expression is built now, in `active`
        for prefix in ["/", "/easy-read/", "/pl/", "/ar/"]:
            for route in ["apply/status", "apply/resume"]:
                assert redact(f"GET {prefix}{route}/SECRET123/ 200") == (
                    f"GET {prefix}{route}/[removed]/ 200"
                )
    finally:
        _compiled.cache_clear()


# A real Celery worker -----------------------------------------------------------------


@pytest.fixture
def worker_log(committed_db, tmp_path):
    """A real Celery worker consuming from the test Redis, which also knows the test
    task in tests/vvf/signed_link_tasks.py, printing emails as local development does
    (vvf.email.ConsoleBackend). Yields its log file."""
    celery_app.control.purge()
    path = tmp_path / "worker.log"
    with open(path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "vvf",
                "worker",
                "--include",
                "tests.vvf.signed_link_tasks",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"links-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=service_env(TEST_EMAIL_BACKEND="vvf.email.ConsoleBackend"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            started = wait_until(
                lambda: process.poll() is not None or celery_app.control.inspect(timeout=0.5).ping()
            )
            assert started and process.poll() is None, path.read_text()
            yield path
        finally:
            process.terminate()
            process.wait(timeout=15)


def test_a_celery_worker_logs_no_signed_link_and_prints_emails_whole(worker_log):
    from applications.tasks import send_application_emails

    links = one_of_each_signed_link()
    urls = [f"https://vvf.example.org{path}" for path in links.values()]
    emailed = ApplicationFactory(email="emailed@example.com")
    # The token carries the second it was signed, which the worker's may not share.
    status_prefix = "http://testserver" + reverse("applications:status", args=["TOKEN"])
    status_prefix = status_prefix.split("TOKEN")[0]

    celery_app.send_task("tests.vvf.signed_link_tasks.write_links", args=[urls])
    # A message for a task the worker does not know: Celery logs its whole body.
    celery_app.send_task("vvf.tasks.no_such_task", args=[urls])
    send_application_emails.delay(emailed.pk)

    def done():
        text = worker_log.read_text()
        return "Received unregistered task" in text and text.count("-" * 79) == 2

    assert wait_until(done, 30), worker_log.read_text()
    logged = worker_log.read_text()
    for path in links.values():
        assert token_of(path) not in logged, path
        for way in ["a module's logger", "a task logger", "standard output"]:
            assert f"{way}: https://vvf.example.org{redacted(path)}" in logged, way
    first = f"https://vvf.example.org{redacted(links['applications:status'])}"
    assert f'The full contents of the message body was:\nb\'[[["{first}"' in logged
    # Local development prints the applicant's email whole: its link can be followed.
    tokens = set(re.findall(re.escape(status_prefix) + r"([^/\s]+)/", logged))
    assert tokens and {application_from_status_token(token) for token in tokens} == {emailed}


def test_local_development_prints_emails_through_the_backend_that_keeps_them_whole():
    env = {key: value for key, value in os.environ.items() if key != "EMAIL_BACKEND"}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="vvf.settings")
    read = "from django.conf import settings; print(settings.EMAIL_BACKEND)"

    done = subprocess.run(
        [sys.executable, "-c", read], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert done.stdout == "vvf.email.ConsoleBackend\n", done.stderr


# A real gunicorn, started as the README says --------------------------------------------


def readme_gunicorn_command(port):
    """The README's production gunicorn command, bound to `port`."""
    readme = (ROOT / "README.md").read_text().replace("\\\n", " ")  # continued lines
    (line,) = [line for line in readme.splitlines() if line.startswith(".venv/bin/gunicorn ")]
    words = shlex.split(line, comments=True)
    words[words.index("--bind") + 1] = f"127.0.0.1:{port}"
    return [sys.executable, "-m", "gunicorn", *words[1:], "--no-control-socket"]


def test_the_readme_switches_on_gunicorns_access_log_with_the_redaction():
    command = readme_gunicorn_command(8000)

    assert command[command.index("--access-logfile") + 1] == "-"
    assert command[command.index("--logger-class") + 1] == "vvf.gunicorn_logging.RedactingLogger"


def test_gunicorns_access_log_cuts_every_signed_link(committed_db, tmp_path):
    links = one_of_each_signed_link()
    port = free_port()
    path = tmp_path / "gunicorn.log"
    with open(path, "w") as log:
        web = subprocess.Popen(
            readme_gunicorn_command(port),
            cwd=ROOT,
            env=service_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    origin = f"http://127.0.0.1:{port}"

    def up():
        try:
            return requests.get(f"{origin}/healthz", timeout=5).status_code in (200, 503)
        except requests.ConnectionError:
            return web.poll() is not None

    try:
        assert wait_until(up, 30) and web.poll() is None, path.read_text()
        referrer = origin + links["applications:resume"]
        for link in links.values():
            # Not signed in, the downloads redirect to sign in with the link in `next`.
            response = requests.get(origin + link, headers={"Referer": referrer}, timeout=20)
            assert response.status_code in (200, 302), (link, response.status_code)
        lines = [f'"GET {redacted(link)} HTTP/1.1"' for link in links.values()]
        assert wait_until(lambda: all(line in path.read_text() for line in lines), 10), (
            path.read_text()
        )
    finally:
        web.terminate()
        web.wait(timeout=15)

    logged = path.read_text()
    for link in links.values():
        assert token_of(link) not in logged, link
        assert re.search(rf'"GET {re.escape(redacted(link))} HTTP/1.1" (200|302) ', logged), link
    assert f'"{origin}/apply/resume/{REDACTED}/"' in logged  # the referrer
    for name in ["feedback:report-download", "admin:forums_expenseclaim_export_download"]:
        assert f"?next={redacted(links[name])} HTTP/1.1" in logged, name


def test_gunicorns_error_log_cuts_signed_links_too(db, tmp_path):
    from gunicorn.config import Config

    link = reverse("members:sign-in", args=["a-member-sign-in-token-0123456789"])
    config = Config()
    config.set("errorlog", str(tmp_path / "error.log"))
    logger = RedactingLogger(config)
    try:
        logger.error("Error handling request %s", link)
    finally:
        for handler in logger.error_log.handlers:
            handler.close()
        logger.error_log.handlers.clear()

    logged = (tmp_path / "error.log").read_text()
    assert "a-member-sign-in-token-0123456789" not in logged
    assert f"[ERROR] Error handling request /member/sign-in/{REDACTED}/" in logged

"""The service as production runs it, end to end: production settings (DEBUG off), the
static files collected, gunicorn with two workers behind a TLS proxy (played by this
test), a Celery worker, exactly one beat, PostgreSQL and a Redis of the test's own, which
it stops and starts again.

It proves that /healthz sees every component; that an application sent through the real
pages is acknowledged by email, sent by the worker; that with Redis down /healthz answers
503 while the public pages still work, and an applicant can still withdraw; and that
once Redis is back the withdrawal's email, kept in the outbox (vvf/outbox.py), is sent.
"""

import re
import secrets
import signal
import subprocess
import sys
import time
from types import SimpleNamespace
from urllib.parse import urlsplit

import redis
import requests
import requests.adapters
from cryptography.fernet import Fernet

from audit.models import PendingTask
from tests.applications.journey import valid_answers
from tests.conftest import ROOT, sent_emails, service_env, wait_until

APPLICANT = "zoe@example.com"
CLIENT_ADDRESS = "203.0.113.7"  # what the proxy says the applicant's address is
# Settings the test suite's own environment (vvf/settings_test.py, a developer's .env)
# may hold: production runs without them.
NOT_IN_PRODUCTION = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "TRUSTED_PROXY_COUNT",
    "TEST_EMAIL_BACKEND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for Playwright
]


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """The service's processes, each logging to its own file."""

    def __init__(self, folder, env):
        self.folder, self.env, self.running, self.logs = folder, env, {}, {}

    def start(self, name, command):
        log = self.folder / f"{name}.log"
        self.logs[name] = log
        with open(log, "a") as output:
            self.running[name] = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )

    def alive(self, name):
        return self.running[name].poll() is None

    def stop(self, name):
        process = self.running.pop(name, None)
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)

    def stop_all(self):
        """The web server and Celery first, then Redis, which they talk to."""
        for name in sorted(self.running, key=lambda name: name == "redis"):
            self.stop(name)

    def report(self, last=6000):
        """Every process's log (the `last` characters of each), for an assertion's
        message."""
        parts = []
        for name, path in self.logs.items():
            text = path.read_text(errors="replace") if path.exists() else ""
            parts.append(f"----- {name} -----\n{text[-last:] if last else text}")
        return "\n".join(parts)


class TlsProxy(requests.adapters.HTTPAdapter):
    """The proxy in front of the service, as production has: it takes the browser's
    HTTPS requests and passes them on as plain HTTP, saying so in X-Forwarded-Proto and
    giving the client's address in X-Forwarded-For (BEHIND_TLS_PROXY). No certificates:
    the browser's side of it is not what this test is about."""

    def send(self, request, **kwargs):
        forwarded = request.copy()
        forwarded.url = "http://" + request.url.removeprefix("https://")
        forwarded.headers["X-Forwarded-Proto"] = "https"
        forwarded.headers["X-Forwarded-For"] = CLIENT_ADDRESS
        response = super().send(forwarded, **kwargs)
        response.url, response.request = request.url, request
        return response


class Browser:
    """An applicant's browser, at https://127.0.0.1:port through the proxy: it keeps the
    Secure __Host- cookies, follows redirects and sends forms back as browsers do."""

    def __init__(self, port):
        self.origin = f"https://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.mount(self.origin, TlsProxy())

    def get(self, path, **kwargs):
        return self.session.get(self.origin + path, timeout=20, **kwargs)

    def post_form(self, path, data):
        """GETs the page, then sends its form back with the CSRF token, as a browser
        would (an Origin header, the honeypot left empty)."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code, page.text[:2000])
        (token,) = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[:1]
        return self.session.post(
            self.origin + path,
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Origin": self.origin, "Referer": self.origin + path},
            allow_redirects=False,
            timeout=20,
        )


def healthz(port):
    """What a load balancer sees: plain HTTP, no proxy headers."""
    response = requests.get(f"http://127.0.0.1:{port}/healthz", timeout=20)
    return response.status_code, response.json()


def up(port):
    try:
        return healthz(port)[0] == 200
    except requests.ConnectionError:
        return False


def body_of(message):
    return message.get_payload(decode=True).decode()


def test_the_service_in_production(committed_db, tmp_path):
    web_port, redis_port = free_port(), free_port()
    broker = f"redis://127.0.0.1:{redis_port}/0"
    env = service_env(
        DJANGO_SETTINGS_MODULE="vvf.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"https://127.0.0.1:{web_port}",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        CELERY_BROKER_URL=broker,
        REDIS_URL=broker,
        BEHIND_TLS_PROXY="1",
        VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "var" / "media"),
        ERASURE_LEDGER_PATH=str(tmp_path / "erasure-ledger.txt"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "emails"),
        # Tests only (vvf/celery.py, vvf/outbox.py): the relay every 2 seconds, for rows
        # older than 2 seconds, instead of every minute for rows older than 30.
        RELAY_BEAT_SECONDS="2",
        RELAY_AFTER_SECONDS="2",
    )
    for name in NOT_IN_PRODUCTION:
        env.pop(name, None)
    emails = SimpleNamespace(email_dir=tmp_path / "emails")
    run = Processes(tmp_path, env)
    redis_server = [
        "redis-server",
        "--port",
        str(redis_port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(tmp_path),
    ]
    manage = [sys.executable, "manage.py"]
    celery = [sys.executable, "-m", "celery", "-A", "vvf"]

    def redis_answers():
        try:
            with redis.Redis(port=redis_port, socket_timeout=1) as client:
                return client.ping()
        except redis.ConnectionError:
            return False

    browser = Browser(web_port)
    try:
        # As the README's production steps do, before the services start.
        for step in [
            ["check", "--deploy", "--fail-level", "WARNING"],
            ["collectstatic", "--no-input", "-v", "0"],
        ]:
            done = subprocess.run(
                [*manage, *step], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
            )
            assert done.returncode == 0, done.stdout + done.stderr
        run.start("redis", redis_server)
        assert wait_until(redis_answers, 10), run.report()
        run.start(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "vvf.wsgi:application",
                "--bind",
                f"127.0.0.1:{web_port}",
                "--workers",
                "2",
                "--graceful-timeout",
                "5",
                "--no-control-socket",
            ],
        )
        run.start("worker", [*celery, "worker", "--loglevel=INFO", "--concurrency=1"])
        run.start("beat", [*celery, "beat", "--loglevel=INFO"])
        assert wait_until(lambda: up(web_port) or not run.alive("web"), 30), run.report()

        # 1. /healthz sees every component.
        assert healthz(web_port) == (
            200,
            {"database": "ok", "broker": "ok", "retention": "never run"},
        ), run.report()
        start = browser.get("/")
        assert start.status_code == 200, run.report()
        assert "max-age=31536000" in start.headers["Strict-Transport-Security"]
        # Without the proxy's word that the request came over HTTPS: sent to HTTPS.
        plain = requests.get(f"http://127.0.0.1:{web_port}/", allow_redirects=False, timeout=20)
        assert plain.status_code == 301
        assert plain.headers["Location"] == f"https://127.0.0.1:{web_port}/"

        # 2. An application through the real pages, acknowledged by the worker's email.
        assert browser.get("/apply/").url.endswith("/apply/date-of-birth/")
        for slug, data in valid_answers():
            response = browser.post_form(f"/apply/{slug}/", data)
            assert response.status_code == 302, (slug, response.text[:3000], run.report())
        sent = browser.post_form("/apply/check-your-answers/", {"website": ""})
        assert sent.status_code == 302, (sent.text[:3000], run.report())
        assert sent.headers["Location"] == "/apply/application-sent/"
        assert "__Host-session" in sent.request.headers["Cookie"]
        confirmation = browser.get("/apply/application-sent/")
        (reference,) = re.findall(r"VVF-\w{4}-\w{4}", confirmation.text)[:1]
        messages = sent_emails(emails, 2, timeout=30)
        assert len(messages) == 2, run.report()
        (acknowledgement,) = [m for m in messages if m["To"] == APPLICANT]
        assert reference in acknowledgement["Subject"]
        (status_url,) = re.findall(r"https://\S+/apply/status/\S+/", body_of(acknowledgement))
        status_path = urlsplit(status_url).path

        # 3. Redis stops: /healthz says so; the public pages still work.
        run.stop("redis")
        assert healthz(web_port) == (
            503,
            {"database": "ok", "broker": "down", "retention": "never run"},
        ), run.report()
        for path in ["/", "/privacy/", "/accessibility/", "/cookies/", status_path]:
            page = browser.get(path)
            assert page.status_code == 200, (path, page.status_code, run.report())
        assert browser.get("/apply/").status_code == 200

        # 4. While it is down, the applicant withdraws, which queues an email: they see
        # it done, straight away, and the email waits in the outbox.
        asked = time.monotonic()
        withdrawn = browser.post_form(status_path + "withdraw/", {"confirm": "YES"})
        seconds = time.monotonic() - asked
        assert withdrawn.status_code == 302, (withdrawn.text[:3000], run.report())
        assert seconds < 5, f"the withdrawal took {seconds:.1f} seconds with Redis down"
        status_page = browser.get(status_path)
        assert status_page.status_code == 200
        assert "Your application has been withdrawn." in status_page.text
        assert "You withdrew your application." in status_page.text
        assert PendingTask.objects.filter(task="applications.tasks.send_closure_email").exists()
        # The forms whose submissions are counted still work (the count is skipped), so
        # a new applicant can apply; a question, which is never stored, cannot wait in
        # the outbox: the page says so and keeps what was typed.
        newcomer = Browser(web_port)
        for slug, data in valid_answers():
            assert newcomer.post_form(f"/apply/{slug}/", data).status_code == 302, run.report()
        applied = newcomer.post_form("/apply/check-your-answers/", {"website": ""})
        assert applied.status_code == 302, (applied.text[:3000], run.report())
        asked = newcomer.post_form(
            "/ask-a-question/", {"email": "curious@example.com", "question": "How long?"}
        )
        assert asked.status_code == 200, (asked.text[:3000], run.report())
        assert "could not send your question just now" in asked.text
        assert "How long?" in asked.text
        newcomer.session.close()

        # 5. Redis is back: the relay sends the waiting email; /healthz is well again.
        run.start("redis", redis_server)
        assert wait_until(redis_answers, 10), run.report()
        messages = sent_emails(emails, 5, timeout=60)
        assert len(messages) == 5, "the emails queued while down were not sent:\n" + run.report()
        (closure,) = [m for m in messages if "has been withdrawn, as you asked" in body_of(m)]
        assert closure["To"] == APPLICANT
        assert len([m for m in messages if m["To"] == APPLICANT]) == 3  # two applications
        assert not PendingTask.objects.exists()
        assert wait_until(lambda: up(web_port), 10), run.report()

        logs = run.report(last=None)
        assert "Could not queue applications.tasks.send_closure_email" in logs
        assert "Sending due task relay-pending-tasks" in logs
        for personal in [APPLICANT, "Brien", "Nguy", status_path.split("/")[3]]:
            assert personal not in logs, f"{personal!r} is in a log"
        for name in ["web", "worker", "beat"]:
            assert run.alive(name), f"{name} died:\n{run.report()}"
    finally:
        browser.session.close()
        run.stop_all()

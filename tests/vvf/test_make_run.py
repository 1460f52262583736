"""`make run` as a newcomer runs it: SQLite, the file-system queue, a worker with an
embedded beat beside the development server. Its emails print whole, so their links can
be followed, and Ctrl+C stops everything cleanly."""

import os
import re
import signal
import subprocess

import requests

from tests.conftest import ROOT, wait_until
from tests.test_production_smoke import free_port

# What `bin/with-test-services` and pytest set, which `make run` must not see.
NOT_FOR_MAKE_RUN = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "DJANGO_SETTINGS_MODULE",
    "SITE_URL",
}


def answers(url):
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.ConnectionError:
        return False


def test_make_run_prints_followable_emails_and_stops_cleanly_on_ctrl_c(tmp_path):
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in NOT_FOR_MAKE_RUN and not key.startswith(("PYTEST", "EMAIL_"))
    }
    log_path = tmp_path / "make-run.log"
    with open(log_path, "w") as log:
        # A session of its own, as a terminal's foreground job is a process group.
        make = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}", f"VAR_DIR={tmp_path}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        up = wait_until(
            lambda: (
                make.poll() is None
                and " ready." in log_path.read_text()
                and answers(f"{site}/healthz")
            ),
            timeout=180,
        )
        assert up, log_path.read_text()[-3000:]

        # A member asks for a sign-in link; the worker prints the email.
        browser = requests.Session()
        form = browser.get(f"{site}/member/sign-in/", timeout=5).text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        sent = browser.post(
            f"{site}/member/sign-in/",
            data={"csrfmiddlewaretoken": csrf, "email": "amara.demo@example.com"},
            timeout=5,
        )
        assert sent.url == f"{site}/member/sign-in/link-sent/"

        def emailed_links():
            printed = log_path.read_text().split("Use this link to go to your Victim Voice")[1:]
            return [re.search(r"(http://\S+)", email).group(1) for email in printed]

        assert wait_until(emailed_links, timeout=30), log_path.read_text()[-3000:]
        (link,) = emailed_links()
        assert link.startswith(f"{site}/member/sign-in/") and "[removed]" not in link
        assert "Sign in" in requests.get(link, timeout=5).text  # the link works

        os.killpg(make.pid, signal.SIGINT)  # Ctrl+C: the terminal signals the whole group
        make.wait(timeout=60)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()

    printed = log_path.read_text()
    assert "Segmentation fault" not in printed
    assert "Warm shutdown" in printed
    # make itself ends by the Ctrl+C, as any program does, with no error of its own.
    assert make.returncode == -signal.SIGINT, printed[-2000:]
    assert "make: ***" not in printed
    # Nothing of the group is left running: the worker and the server have stopped.
    assert wait_until(lambda: not group_alive(make.pid), timeout=15)


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True

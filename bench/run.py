"""`make bench`: the service under load on its production stack, each figure beside a
reference measured in the same run.

    bin/with-test-services .venv/bin/python bench/run.py [--quick]

Seeds the (throwaway) PostgreSQL with a large dataset (bench/seed.py), starts gunicorn
with 2 workers and a Celery worker on loopback with production settings (DEBUG off,
behind a TLS proxy, as deployed: wrk sends X-Forwarded-Proto), and measures with wrk:

- pages: requests a second and p50/p95 latency, beside a bare Django view on the same
  server (budgets: the start page at least half its throughput; a form step a fifth, the
  median of three rounds each beside a bare run);
- the staff applications list: the rows of one page (100, filtered) fetched as the admin
  fetches them, beside one raw SQL query for the same rows (budget: under 3x);
- the XLSX export of 50,000 applications: time and peak memory, beside the same rows
  written with Python's csv module (budget: under 200 MB);
- the retention sweep (bench/retention.py), beside a hand-written SQL delete.

It asserts nothing: it prints the figures, the budgets and whether each is met.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
QUICK = "--quick" in sys.argv
DURATION = "5s" if QUICK else "15s"
STAFF_LIST = "/admin/applications/application/"
PROGRAMME_HOME = "/admin/"
# Each of the three rounds against the bare view (issue 17: budgets within 25x).
ROUND_DURATION = "3s" if QUICK else "8s"
LATENCY_BUDGET = 25
# A page of the application form, drawn through crispy's layouts (issue 18, decision 16).
FORM_STEP_BUDGET = 0.20


def production_env():
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        SITE_URL="https://127.0.0.1",
        BEHIND_TLS_PROXY="1",
        TRUSTED_PROXY_COUNT="1",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=tempfile.mkdtemp(prefix="vvf-bench-mail-"),
        MEDIA_ROOT=tempfile.mkdtemp(prefix="vvf-bench-media-"),
        ERASURE_LEDGER_PATH=os.path.join(tempfile.mkdtemp(prefix="vvf-bench-"), "ledger.txt"),
        DATABASE_CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
    )
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Talks to the gunicorn on loopback as the TLS proxy would."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, cookies=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **(headers or {})}
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = "https://127.0.0.1/"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and cookies is not None:
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location"), content


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def applicant_at_contact_step(server, prefix="/"):
    """A session that has answered the pages before "How to contact you", in the
    language of `prefix` ("/easy-read/", "/pl/")."""
    from programme.models import Forum

    cookies = {}
    vawg = str(Forum.objects.get(slug="vawg").pk)
    answers = [
        (
            "date-of-birth",
            {"date_of_birth_0": "27", "date_of_birth_1": "3", "date_of_birth_2": "1990"},
        ),
        ("london", {"london_connection": ["LIVES"]}),
        ("victim", {"victim_of_crime": "YES"}),
        ("pnc-check", {"willing_pnc": "YES"}),
        ("confidentiality", {"willing_confidentiality": "YES"}),
        ("forums", {"forums": [vawg]}),
        ("name", {"full_name": "Bench Applicant", "preferred_name": ""}),
    ]
    for slug, data in answers:
        step = f"{prefix}apply/{slug}/"
        _status, _location, page = server.request("GET", step, cookies=cookies)
        status, location, _ = server.request(
            "POST", step, {**data, "csrfmiddlewaretoken": csrf_token(page)}, cookies
        )
        assert status == 302 and slug not in (location or ""), (slug, status, location)
    _status, _location, page = server.request("GET", f"{prefix}apply/contact/", cookies=cookies)
    contact = {
        "email": "bench@bench.invalid",
        "phone": "07700 900 982",
        "contact_method": "EMAIL",
        "safe_to_leave_messages": "NO",
        "contact_times": "",
        "csrfmiddlewaretoken": csrf_token(page),
    }
    return cookies, contact


def signed_in_cookies(user):
    """A session for a user who has signed in with both factors."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default")
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


def wrk(server, path, visitors, post=False, duration=None):
    """`visitors` are (cookies, form data or None): each request is one visitor's, in
    turn, as many people use the service at once."""
    env = dict(os.environ)
    env["WRK_COOKIES"] = "\n".join(
        "; ".join(f"{k}={v}" for k, v in cookies.items()) for cookies, _ in visitors
    )
    if post:
        env["WRK_METHOD"] = "POST"
        env["WRK_BODIES"] = "\n".join(
            urllib.parse.urlencode(body, doseq=True) for _, body in visitors
        )
    url = f"http://127.0.0.1:{server.port}{path}"
    script = ["-s", str(ROOT / "bench/report.lua"), url]
    subprocess.run(["wrk", "-t2", "-c8", "-d2s", *script], env=env, capture_output=True)
    command = ["wrk", "-t2", "-c8", "-d", duration or DURATION, *script]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def against_bare(server, path, visitors, rounds=3):
    """The page's p50 latency as a multiple of the bare view's, measured `rounds` times,
    each page run just after a bare one, so that both see the machine alike: (median
    ratio, lowest, highest, the page's p50s, the bare view's p50s)."""
    nobody = [({}, None)]
    pages, bares, ratios = [], [], []
    for _ in range(rounds):
        bare = wrk(server, "/bench/bare/", nobody, duration=ROUND_DURATION)["p50_ms"]
        page = wrk(server, path, visitors, duration=ROUND_DURATION)["p50_ms"]
        bares.append(bare)
        pages.append(page)
        ratios.append(page / bare)
    ratios.sort()
    return ratios[len(ratios) // 2], ratios[0], ratios[-1], pages, bares


def throughput_against_bare(server, path, visitors, post, rounds=3):
    """The page's requests a second as a share of the bare view's, measured `rounds`
    times, each page run just after a bare one: (median, lowest, highest)."""
    nobody = [({}, None)]
    shares = []
    for _ in range(rounds):
        bare = wrk(server, "/bench/bare/", nobody, duration=ROUND_DURATION)["rps"]
        page = wrk(server, path, visitors, post=post, duration=ROUND_DURATION)["rps"]
        shares.append(page / bare)
    shares.sort()
    return shares[len(shares) // 2], shares[0], shares[-1]


def staff_list_against_raw_sql(staff):
    """The rows of one page of the staff list (100, filtered by status), fetched as the
    admin fetches them (its queryset, count and page), against one raw SQL query that
    fetches the same columns of the same rows and the count."""
    from django.contrib import admin
    from django.db import connection
    from django.test import RequestFactory

    from applications.models import Application

    request = RequestFactory().get(STAFF_LIST, {"status__exact": "SUBMITTED"})
    request.user = staff
    model_admin = admin.site._registry[Application]

    def admin_fetch():
        changelist = model_admin.get_changelist_instance(request)  # counts, pages
        return len(changelist.result_list)  # the page's rows, with what they prefetch

    def raw_fetch():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM applications_application WHERE status = 'SUBMITTED'"
            )
            cursor.execute(
                "SELECT a.id, a.reference, a.status, a.submitted_at, a.full_name, a.borough,"
                " (SELECT string_agg(f.name, ', ') FROM applications_application_forums af"
                "  JOIN forums_forum f ON f.id = af.forum_id WHERE af.application_id = a.id)"
                " FROM applications_application a WHERE a.status = 'SUBMITTED'"
                " ORDER BY a.submitted_at DESC, a.id DESC LIMIT 100"
            )
            return len(cursor.fetchall())

    return best_of(admin_fetch), best_of(raw_fetch)


def best_of(work, times=30):
    work()
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def child(script, *args, env):
    output = subprocess.run(
        [PYTHON, str(ROOT / script), *args], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if output.returncode:
        raise SystemExit(f"{script} failed:\n{output.stdout}\n{output.stderr}")
    return output.stdout


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: make bench installs it (apt-get install wrk).")
    env = production_env()
    os.environ.update(env)
    print("Preparing: migrations, static files, seeding (a few minutes)...", flush=True)
    child("manage.py", "migrate", "--no-input", env=env)
    child("manage.py", "collectstatic", "--no-input", env=env)

    import django

    django.setup()
    from bench.seed import seed

    started = time.perf_counter()
    users = seed(applications=10_000 if QUICK else 50_000)
    # The second language measured is a live one, as the public would be served it.
    from languages.services import translation_check_record

    translation_check_record(language="pl", checked_by="bench", checked_on=date.today(), by=None)
    print(f"Seeded in {time.perf_counter() - started:.0f} s", flush=True)

    port = free_port()
    logs = tempfile.mkdtemp(prefix="vvf-bench-logs-")
    processes = [
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "vvf.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=open(f"{logs}/gunicorn.log", "w"),
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "vvf",
                "worker",
                "--concurrency",
                "1",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            stdout=open(f"{logs}/worker.log", "w"),
            stderr=subprocess.STDOUT,
        ),
    ]
    try:
        server = Server(port)
        for _ in range(100):
            try:
                if server.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not answer; see {logs}")
        report(server, users, env)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def report(server, users, env):
    from feedback.models import MonthlyReport

    staff = [(signed_in_cookies(users["staff"]), None)]
    applicants = [applicant_at_contact_step(server) for _ in range(8)]
    month = MonthlyReport.objects.filter(forum__isnull=True).order_by("-month").first()
    panel = [(signed_in_cookies(users["panel_mps"]), None)]
    police = [(signed_in_cookies(users["police"]), None)]
    nobody = [({}, None)]
    pages = [
        ("bare Django view (reference)", "/bench/bare/", nobody, False),
        ("start page", "/", nobody, False),
        ("form step: GET How to contact you", "/apply/contact/", applicants, False),
        ("form step: POST How to contact you", "/apply/contact/", applicants, True),
        # After the POST, each visitor's answers are kept: the page shows them again.
        ("form step: GET again, answers shown", "/apply/contact/", applicants, False),
        ("staff list: 100 a page, filtered", f"{STAFF_LIST}?status__exact=SUBMITTED", staff, False),
        ("programme home (admin index, staff)", PROGRAMME_HOME, staff, False),
        ("panel case page", f"/panel/cases/{users['case'].pk}/", panel, False),
        ("monthly report (all forums)", f"/feedback/reports/{month.pk}/", police, False),
    ]
    print(f"\nPages: wrk, 2 threads, 8 connections, {DURATION} each, gunicorn 2 sync workers;")
    print("applicants: 8 sessions taken in turn")
    print(f"{'page':<40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8}  budget")
    bare = None
    for label, path, visitors, post in pages:
        cookies, body = visitors[0]
        method = "POST" if post else "GET"
        status, location, _ = server.request(method, path, body=body, cookies=dict(cookies))
        assert status in (200, 302), f"{label}: {status} {location}"
        figures = wrk(server, path, visitors, post=post)
        bare = bare or figures["rps"]
        share = figures["rps"] / bare
        budget = ""
        if label == "start page":
            budget = f"at least 0.50: {'met' if share >= 0.5 else 'MISSED'}"
        elif label.startswith("form step: GET again"):
            budget = "(for information: the budget's GET is the page as first seen)"
        elif label.startswith("form step"):
            budget = "(the budget is the median of three rounds, below)"
        errors = f"  ({figures['bad_status']} error answers)" if figures["bad_status"] else ""
        print(
            f"{label:<40} {figures['rps']:>8.0f} {figures['p50_ms']:>8.1f} "
            f"{figures['p95_ms']:>8.1f} {share:>8.2f}  {budget}{errors}",
            flush=True,
        )

    print(
        f"\nA form step's throughput as a share of the bare view's, three rounds of"
        f" {ROUND_DURATION}, each just after a bare run (budget: at least {FORM_STEP_BUDGET}):"
    )
    # The GET is the page as first seen: visitors who have not answered it yet (the ones
    # above have, by their POSTs, and are shown their answers again). In English, Easy
    # Read and a translation (Polish), with translation on.
    rounds = []
    for language, prefix in [("English", "/"), ("Easy Read", "/easy-read/"), ("Polish", "/pl/")]:
        first_seen = [applicant_at_contact_step(server, prefix) for _ in range(8)]
        posting = applicants if prefix == "/" else first_seen
        rounds += [
            (f"{language}: GET How to contact you", prefix, first_seen, False),
            (f"{language}: POST How to contact you", prefix, posting, True),
        ]
    for label, prefix, visitors, post in rounds:
        step = f"{prefix}apply/contact/"
        median, lowest, highest = throughput_against_bare(server, step, visitors, post)
        met = "met" if median >= FORM_STEP_BUDGET else "MISSED"
        print(
            f"  {label:<34} median {median:.2f} (range {lowest:.2f} to {highest:.2f})"
            f"  (budget at least {FORM_STEP_BUDGET}: {met})",
            flush=True,
        )

    print(
        f"\nStaff pages' p50 latency against the bare view's, three rounds of {ROUND_DURATION},"
        " each page just after a bare run (budget: within 25x):"
    )
    for label, path in [
        ("programme home", PROGRAMME_HOME),
        ("staff list, 100 a page, filtered", f"{STAFF_LIST}?status__exact=SUBMITTED"),
    ]:
        median, lowest, highest, pages, bares = against_bare(server, path, staff)
        met = "met" if median <= LATENCY_BUDGET else "MISSED"
        print(
            f"  {label:<34} median {median:5.1f}x (range {lowest:.1f}x to {highest:.1f}x);"
            f" p50 {', '.join(f'{p:.1f}' for p in pages)} ms against"
            f" {', '.join(f'{b:.1f}' for b in bares)} ms  (budget within {LATENCY_BUDGET}x:"
            f" {met})",
            flush=True,
        )

    admin_seconds, raw_seconds = staff_list_against_raw_sql(users["staff"])
    ratio = admin_seconds / raw_seconds
    print(
        f"\nStaff list, one page of 100 rows (best of 30): as the admin fetches them "
        f"{admin_seconds * 1000:.1f} ms, one raw SQL query {raw_seconds * 1000:.1f} ms: "
        f"{ratio:.1f}x (budget under 3x: {'met' if ratio < 3 else 'MISSED'})"
    )

    print("\nExport of every application (XLSX, encrypted) beside Python's csv module:")
    for kind in ("csv", "xlsx"):
        figures = json.loads(child("bench/export.py", kind, env=env).strip().splitlines()[-1])
        budget = ""
        if kind == "xlsx":
            budget = f"  (budget under 200 MB: {'met' if figures['peak_mb'] < 200 else 'MISSED'})"
        print(
            f"  {kind:<5} {figures['rows']:,} rows  {figures['seconds']:6.1f} s  "
            f"peak {figures['peak_mb']:6.1f} MB (process at start {figures['start_mb']:.0f} MB)"
            f"  {figures['bytes'] / 2**20:.1f} MiB{budget}",
            flush=True,
        )

    print("\nRetention sweep (bench/retention.py):")
    retention_env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    how_many = "20000" if QUICK else "100000"
    print(child("bench/retention.py", how_many, env=retention_env).rstrip())


if __name__ == "__main__":
    main()

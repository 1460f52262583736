"""The "How to contact you" page of the application form in one process: the empty page
(GET), its valid answers (POST) and the bare view, with production settings through
Django's test client; the fastest, tenth and middle request of each, in milliseconds.

    bin/with-test-services .venv/bin/python bench/form_step.py [TREE] [REQUESTS] [ROUNDS]

TREE is the service's folder to measure (default: this one), so that another copy (say
`git archive` of an earlier commit) can be measured beside it. Not `make bench`: no
gunicorn, no wrk, PostgreSQL on the same cores; for comparing one change's before and
after on a busy machine (docs/performance.md)."""

import os
import re
import sys
import time
from pathlib import Path

TREE = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
sys.path.insert(0, str(TREE))
os.chdir(TREE)

from bench.run import production_env  # noqa: E402

os.environ.update(production_env())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from programme.models import Forum  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https", "Referer": "https://127.0.0.1/"}


def token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def applicant_at_contact_step():
    """A visitor who has answered the pages before "How to contact you", as
    bench/run.py's, and the answers they would give there."""
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
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
        page = client.get(f"/apply/{slug}/", headers=HEADERS).content.decode()
        sent = client.post(
            f"/apply/{slug}/", {**data, "csrfmiddlewaretoken": token(page)}, headers=HEADERS
        )
        assert sent.status_code == 302 and slug not in sent["Location"], slug
    page = client.get("/apply/contact/", headers=HEADERS).content.decode()
    contact = {
        "email": "bench@bench.invalid",
        "phone": "07700 900 982",
        "contact_method": "EMAIL",
        "safe_to_leave_messages": "NO",
        "contact_times": "",
        "csrfmiddlewaretoken": token(page),
    }
    return client, contact


def timings(request, count):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        request()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main():
    call_command("migrate", "--no-input", verbosity=0)
    getter, _ = applicant_at_contact_step()
    poster, contact = applicant_at_contact_step()
    bare = Client(HTTP_HOST="127.0.0.1")

    def get():
        assert getter.get("/apply/contact/", headers=HEADERS).status_code == 200

    def post():
        assert poster.post("/apply/contact/", contact, headers=HEADERS).status_code == 302

    def bare_get():
        assert bare.get("/bench/bare/", headers=HEADERS).status_code == 200

    requests = {"bare view": bare_get, "GET": get, "POST": post}
    for request in requests.values():
        timings(request, 50)  # warm up
    results = {name: [] for name in requests}
    for _round in range(ROUNDS):
        for name, request in requests.items():
            results[name] += timings(request, REQUESTS)
    for name, times in results.items():
        times.sort()
        fastest, tenth, middle = times[0], times[len(times) // 10], times[len(times) // 2]
        print(f"{name}: fastest {fastest:.3f} ms, p10 {tenth:.3f} ms, p50 {middle:.3f} ms")


if __name__ == "__main__":
    main()

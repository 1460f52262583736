import io
import logging
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory

from vvf.reporting import NoPersonalDataFormatter, NoPersonalDataReporter, redact

CANARY = "canary-7f3a9c@example.com"
# Built at run time, so the report's excerpts of this file's source do not contain it.
TOKEN = "-".join(["secret", "token"])


@pytest.fixture
def log_output():
    """The service's own log handler and formatter, writing to a buffer."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(NoPersonalDataFormatter(settings.LOGGING["formatters"]["plain"]["format"]))
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


@pytest.mark.django_db
@pytest.mark.urls("tests.vvf.error_urls")
def test_an_error_on_a_form_leaves_no_personal_data_in_logs_or_pages(client, log_output):
    client.raise_request_exception = False

    response = client.post("/fail/", {"email": CANARY, "question": f"about {CANARY}"})

    assert response.status_code == 500
    assert CANARY not in response.content.decode()
    logged = log_output.getvalue()
    assert "Internal Server Error: /fail/" in logged
    assert "ValueError" in logged
    assert CANARY not in logged


def test_error_reports_show_no_post_data_local_values_message_or_query():
    request = RequestFactory().post(
        f"/apply/status/{TOKEN}/?email={CANARY}", {"email": CANARY}, HTTP_REFERER=CANARY
    )
    try:
        email = request.POST["email"]
        raise ValueError(f"could not handle {email}")
    except ValueError:
        report = NoPersonalDataReporter(request, *sys.exc_info())

    for text in (report.get_traceback_text(), report.get_traceback_html()):
        assert CANARY not in text
        assert TOKEN not in text
        assert "ValueError" in text
    assert settings.DEFAULT_EXCEPTION_REPORTER == "vvf.reporting.NoPersonalDataReporter"


def test_links_that_work_as_passwords_are_cut_from_logged_paths():
    assert redact("GET /apply/status/eyJhIjoxfQ:1abc:xyz/withdraw/ 200") == (
        "GET /apply/status/[removed]/withdraw/ 200"
    )
    assert redact("/apply/resume/abc.def/") == "/apply/resume/[removed]/"


def test_celery_workers_log_through_the_same_formatter():
    assert settings.CELERY_WORKER_HIJACK_ROOT_LOGGER is False

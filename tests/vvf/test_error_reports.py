import io
import logging
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from vvf.reporting import NoPersonalDataFormatter, redact

CANARY = "canary-7f3a9c@example.com"


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


def test_error_reports_show_neither_post_data_nor_local_values():
    request = RequestFactory().post("/fail/", {"email": CANARY})
    try:
        email = request.POST["email"]  # noqa: F841
        raise ValueError("boom")
    except ValueError:
        report = ExceptionReporter(request, *sys.exc_info())

    assert CANARY not in report.get_traceback_text()
    assert CANARY not in report.get_traceback_html()


def test_links_that_work_as_passwords_are_cut_from_logged_paths():
    assert redact("GET /apply/status/eyJhIjoxfQ:1abc:xyz/withdraw/ 200") == (
        "GET /apply/status/[removed]/withdraw/ 200"
    )
    assert redact("/apply/resume/abc.def/") == "/apply/resume/[removed]/"

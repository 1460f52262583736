"""Error reports and logs without personal data.

Django's error reports show the request's POST data and every local variable of every
frame; ours show neither. Logged exceptions keep their type and where they happened, not
their message (a database error can quote the row it refused). Links that work as
passwords (every signed link: vvf/signed_links.py) are cut out of what is logged.
"""

import logging
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from .signed_links import REDACTED, redact


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, REDACTED)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, REDACTED) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request):
        return {}


class NoPersonalDataReporter(ExceptionReporter):
    """Error reports keep the exception's type and where it happened: not its message,
    the query string, cookies, headers, or a signed link in the address."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        data["exception_value"] = REDACTED
        data["request_GET_items"] = []
        data["request_COOKIES_items"] = []
        data["request_meta"] = {}
        if data.get("request_insecure_uri"):
            data["request_insecure_uri"] = redact(data["request_insecure_uri"].split("?")[0])
        if data.get("request") is not None:
            data["request"] = _RedactedRequest(data["request"])
        return data


class _RedactedRequest:
    """The request as an error report shows it: its address without a signed link."""

    def __init__(self, request):
        self._request = request
        self.path = redact(request.path)
        self.path_info = redact(request.path_info)

    def __getattr__(self, name):
        return getattr(self._request, name)


class NoPersonalDataFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))

    def formatException(self, ei):
        kind, _value, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__name__}"

"""Error reports and logs without personal data.

Django's error reports show the request's POST data and every local variable of every
frame; ours show neither. Logged exceptions keep their type and where they happened, not
their message (a database error can quote the row it refused). Links that work as
passwords (status and resume links) are cut out of logged paths.
"""

import logging
import re
import traceback

from django.views.debug import SafeExceptionReporterFilter

REDACTED = "[removed]"
_TOKEN_PATHS = re.compile(r"(/apply/(?:status|resume)/)[^/\s]+")


def redact(text):
    return _TOKEN_PATHS.sub(rf"\1{REDACTED}", text)


class NoPersonalDataFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, REDACTED)

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, REDACTED) for name in tb_frame.f_locals]


class NoPersonalDataFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))

    def formatException(self, ei):
        kind, _value, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__name__}"

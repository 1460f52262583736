"""gunicorn's logs without signed links.

The README's production command switches gunicorn's access log on with this class:
`--access-logfile - --logger-class vvf.gunicorn_logging.RedactingLogger`. Every line
gunicorn writes, to its access log and its error log, passes through the same `redact`
as the service's own logs: a request line, a referrer or an error naming a signed link
keeps the address and loses the token.
"""

import logging

from gunicorn.glogging import Logger

from .signed_links import redact


class RedactingFormatter(logging.Formatter):
    """Formats as the formatter it wraps does, then cuts out signed links."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record):
        return redact(self.inner.format(record))


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        # Every handler gunicorn (or a logconfig) gave its two loggers, however it writes:
        # stream, file or syslog. A reload runs setup again: wrap each handler once.
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not isinstance(handler.formatter, RedactingFormatter):
                    handler.setFormatter(RedactingFormatter(handler.formatter))

"""Signed links, and how they are cut out of logs.

A signed link is any address whose URL pattern captures a `token`: the applicant's status
and save-and-return links, the member's sign-in link, the one-time downloads of encrypted
exports. Each works as a password, so none may be written whole to a log. This module
finds them in the service's URLconf, so a new one is redacted as soon as it is routed
(`tests/vvf/test_signed_links.py` fails on a URL parameter that is neither a record's id
nor a token), and `redact` cuts the token out of any text: Django's and Celery's logs
(`vvf.reporting.NoPersonalDataFormatter`) and gunicorn's (`vvf.gunicorn_logging`).
"""

import functools
import re

TOKEN = "token"  # the URL parameter that marks a signed link
REDACTED = "[removed]"
# A token as it appears in a log: up to the next slash, or whatever ends an address in a
# request line, a header or a sentence. Percent-encoded characters are part of it.
_TOKEN_TEXT = r"[^/?#&\s\"'<>]+"
_GROUP_START = re.compile(r"\(\?P<\w+>")
_ANCHORS = re.compile(r"^\^|(?:\\Z|\$)$")


def signed_routes(urlconf=None):
    """(name, pattern) for every URL pattern that takes a token, each pattern a regular
    expression for the address up to the token (without the leading slash). Read in
    English, whose paths have no language prefix: each expression then finds the same
    address under any prefix (/easy-read/apply/status/...), whatever language the
    process has active when it first redacts."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return list(_walk(get_resolver(urlconf).url_patterns, prefix="", namespace=""))


def _walk(patterns, *, prefix, namespace):
    from django.urls import URLResolver

    for entry in patterns:
        regex = _ANCHORS.sub("", entry.pattern.regex.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix=prefix + regex, namespace=inner)
            continue
        start = regex.find(f"(?P<{TOKEN}>")
        if start < 0:
            continue
        # Other captured values before the token (a slug, say) keep their pattern but
        # not their name, so that every route joins one expression.
        yield f"{namespace}{entry.name}", _GROUP_START.sub("(?:", prefix + regex[:start])


@functools.lru_cache
def _compiled(urlconf):
    prefixes = sorted({prefix for _name, prefix in signed_routes(urlconf)}, key=len, reverse=True)
    if not prefixes:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(f"(/(?:{'|'.join(prefixes)})){_TOKEN_TEXT}")


def redact(text):
    """`text` with the token of every signed link replaced by "[removed]".

    Until Django has loaded its apps there is no URLconf to read, and nothing is cut:
    no request has been served yet (a gunicorn master never serves one)."""
    from django.apps import apps
    from django.conf import settings

    if not apps.ready:
        return text
    return _compiled(settings.ROOT_URLCONF).sub(rf"\1{REDACTED}", text)

"""One mechanism against automated abuse of the public forms: a rate limit per client
and a honeypot field. Counters live in the cache, which is Redis in production, so every
web worker shares them.

Forms protected this way carry the honeypot: in their crispy layout
(`vvf.crispy_govuk.Honeypot`), or, on a page without a form of fields, in its template
(`{% include "includes/honeypot.html" %}`).
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

HONEYPOT_FIELD = "website"
logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies, the address the nearest
    trusted proxy saw; anything further left in X-Forwarded-For is the client's own word."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [part.strip() for part in forwarded if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def too_many(scope, request):
    """Counts this request; True when the client is over the scope's limit. When the
    counters cannot be reached (Redis down) the request goes through: someone's
    application matters more than a few minutes without a limit, and the honeypot still
    stands. The failure is logged, without the address."""
    limit, window = settings.RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    try:
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
    except Exception as error:  # any failure of the cache's server
        logger.warning("Rate limit not counted for %s: %s", scope, type(error).__name__)
        return False
    return count > limit


def protect(scope):
    """For a view with a public form: POSTs over the scope's limit get a helpful 429
    page; POSTs with the honeypot filled in get a 400 and reach nothing."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                if too_many(scope, request):
                    return render(request, "429.html", status=429)
                if request.POST.get(HONEYPOT_FIELD):
                    return render(request, "403_csrf.html", status=400)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

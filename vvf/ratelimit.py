"""A fixed-window rate limit per client, counted in the cache (Redis in production, so
every gunicorn worker shares the count)."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies, the address the nearest
    trusted proxy saw; anything further left in X-Forwarded-For is the client's own word."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def too_many(scope, request):
    """Counts this request; True when the client is over the scope's limit."""
    limit, window = settings.RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def rate_limited(scope):
    """Answers POSTs over the limit with a helpful 429 page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and too_many(scope, request):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

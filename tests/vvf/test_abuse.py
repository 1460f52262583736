import os

import pytest
import redis
from django.core.cache import cache
from django.test import RequestFactory

from vvf.abuse import client_ip, too_many


def test_counters_live_in_the_real_redis(settings):
    settings.RATE_LIMITS = {"probe": (2, 60)}
    cache.clear()
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.44")

    results = [too_many("probe", request) for _ in range(3)]

    assert results == [False, False, True]
    keys = redis.Redis.from_url(os.environ["REDIS_URL"]).keys("vvf:*ratelimit:probe:192.0.2.44:*")
    assert len(keys) == 1


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "198.51.100.1"),
        (1, "10.0.0.1, 203.0.113.5", "203.0.113.5"),
        (1, "", "198.51.100.1"),
        (2, "forged, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_when_the_counters_cannot_be_reached_the_request_goes_through(settings, caplog):
    """Redis down: nobody is turned away (their application matters more than a few
    minutes without a limit), and the log says so without the address."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    settings.RATE_LIMITS = {"probe": (0, 60)}  # any request at all would be too many
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.45")

    assert too_many("probe", request) is False
    assert "Rate limit not counted for probe" in caplog.text
    assert "192.0.2.45" not in caplog.text

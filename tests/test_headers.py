"""Security headers on a crawl of every named URL, and the cookies' attributes."""

import json

import pytest
from django.test import Client

from tests.conftest import sign_in
from tests.test_access import EXPECTED, ROLES, path_for, url_names  # noqa: F401
from tests.vvf.test_settings import manage, production_env


@pytest.fixture
def staff(db, user_with_role):
    return sign_in(Client(), user_with_role("VVF staff", is_staff=True))


def crawl_paths():
    paths = [(name, kwargs) for name, kwargs in EXPECTED]
    return paths + [("admin:index", None), ("admin:applications_application_changelist", None)]


def check_headers(response, signed_in):
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "http" not in csp  # no third-party origins
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if signed_in:
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "kwargs"), crawl_paths(), ids=str)
def test_every_page_has_the_security_headers(staff, name, kwargs):
    tokens = {
        "default": "forged",
        "case": 999999,
        "meeting": 999999,
        "other_meeting": 999999,
        "item": 999999,
        "recommendation": 999999,
        "report": 999999,
        "opportunity": 999999,
        "other_opportunity": 999999,
        "support": 999999,
        "member": "forged",
    }
    path = path_for(name, kwargs, "vvf_staff", tokens)
    for client, signed_in in [(Client(), False), (staff, True)]:
        response = client.get(path, secure=True)
        check_headers(response, signed_in)


def test_production_cookies_are_host_prefixed_secure_httponly_and_lax():
    script = (
        "from django.conf import settings as s; import json; print(json.dumps(["
        "s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_NAME, s.CSRF_COOKIE_SECURE,"
        "s.CSRF_COOKIE_SAMESITE, s.SESSION_COOKIE_DOMAIN, s.SESSION_COOKIE_PATH]))"
    )

    result = manage("shell", "-c", script, env=production_env())

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        "__Host-session",
        True,
        True,
        "Lax",
        "__Host-csrftoken",
        True,
        "Lax",
        None,
        "/",
    ]


def test_cookies_are_sent_with_those_attributes(db, settings, user_with_role):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-session"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    client = sign_in(Client(), user_with_role("VVF staff", is_staff=True))

    response = client.get("/accounts/login/", secure=True)
    client.get("/apply/date-of-birth/", secure=True)
    response = client.post(
        "/apply/date-of-birth/",
        {"date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "1990"},
        secure=True,
    )

    session = response.cookies["__Host-session"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert session["path"] == "/"
    assert session["domain"] == ""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import page_not_found

from languages.services import EASY_READ

from . import health


@require_GET
def start(request):
    return render(request, _easy_read_or("pages/start.html", request))


@require_GET
def privacy(request):
    return render(request, _easy_read_or("pages/privacy.html", request))


def _easy_read_or(template, request):
    """The start page and how we use your information have Easy Read versions of their
    own (pages/*_easy_read.html), with a picture beside each point."""
    if request.LANGUAGE_CODE == EASY_READ:
        return template.replace(".html", "_easy_read.html")
    return template


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_GET
def cookies(request):
    """Names the cookies by the names and lifetimes the settings give them (__Host-
    names where cookies are sent over HTTPS only)."""
    from forums.member_views import SESSION_SECONDS as MEMBER_SESSION_SECONDS

    return render(
        request,
        "pages/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "session_lasts": _duration(settings.SESSION_COOKIE_AGE),
            "member_session_lasts": _duration(MEMBER_SESSION_SECONDS),
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "csrf_lasts": _duration(settings.CSRF_COOKIE_AGE),
        },
    )


def _duration(seconds):
    """A cookie's lifetime in words: "2 hours", "1 year" (Django's 52 weeks)."""
    if seconds >= 52 * 7 * 24 * 60 * 60:
        years = seconds // (52 * 7 * 24 * 60 * 60)
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if seconds >= 2 * 60 * 60 and seconds % (60 * 60) == 0:
        hours = seconds // (60 * 60)
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    minutes = seconds // 60
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when every dependency answers, 503 when one does not."""
    checks = health.check_all()
    body = {name: "ok" if ok else "down" for name, ok in checks.items()}
    # Retention being late is reported, not a reason to take the web service down.
    body["retention"] = health.retention_state()
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


def not_found(request, exception=None):
    """What a page outside someone's reach answers: the same as one that does not exist."""
    return page_not_found(request, exception)


def bad_request(request, exception=None):
    """A request the service will not read because it is too large (an answer longer
    than DATA_UPLOAD_MAX_MEMORY_SIZE, more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, a
    file's name longer than vvf.uploads reads) is explained in plain words, with a way
    back to the page by GET. Django answers these before any view runs: the session,
    and the answers in it, are left as they were. Any other bad request: the 400 page."""
    if _too_large(exception):
        back_url = request.get_full_path()
        if not back_url.startswith("/") or back_url.startswith("//"):
            back_url = "/"
        return render(request, "400_too_large.html", {"back_url": back_url}, status=400)
    return django_bad_request(request, exception)


def _too_large(exception):
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return True
    # Django says so only in the message ("Request max total header size exceeded.").
    return isinstance(exception, MultiPartParserError) and "header size" in str(exception)

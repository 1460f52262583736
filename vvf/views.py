from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from . import health


@require_GET
def start(request):
    return render(request, "pages/start.html")


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_GET
def cookies(request):
    return render(request, "pages/cookies.html")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when every dependency answers, 503 when one does not."""
    checks = health.check_all()
    body = {name: "ok" if ok else "down" for name, ok in checks.items()}
    # Retention being late is reported, not a reason to take the web service down.
    body["retention"] = "ok" if health.retention_ok() else "late"
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


def not_found(request, exception=None):
    """What a page outside someone's reach answers: the same as one that does not exist."""
    return page_not_found(request, exception)

"""The service's pages, and the bare view the benchmark measures them against: the
same server, the same middleware, a fixed page with no template, form or query."""

from django.http import HttpResponse
from django.urls import path

from vvf.urls import urlpatterns as service

PAGE = "<!DOCTYPE html><html lang='en'><title>Bare</title><p>A fixed page.</p></html>"


def bare(request):
    return HttpResponse(PAGE)


urlpatterns = [path("bench/bare/", bare), *service]

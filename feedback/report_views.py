"""Monthly reports: placeholders until the report pages are built."""

from django.http import Http404


def reports(request):
    raise Http404


def report_generate(request):
    raise Http404


def report(request, pk):
    raise Http404


def report_xlsx(request, pk):
    raise Http404

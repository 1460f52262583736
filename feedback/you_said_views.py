"""You said, we did: placeholders until the pages are built."""

from django.http import Http404


def forum_page(request, slug):
    raise Http404


def member_page(request):
    raise Http404

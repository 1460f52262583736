"""The admin site: Django's, behind the second factor, with the programme home as its
index for VVF staff. The base classes every app's admin uses are in vvf.admin."""

import functools

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from accounts.roles import VVF_STAFF, has_role

from . import home


class VVFAdminSite(AdminSiteOTPRequired):
    """The service's admin site (Django's `admin.site`, through `vvf.apps.AdminConfig`),
    above every app: its index is the programme home, which reads them all.
    The admin is behind the second factor too; its own login page sends people to
    ours. Someone signed in (with their second factor) whose role has no admin answers
    404, like every page out of reach; sending them to sign in again would loop."""

    site_header = _("Victim Voice Forums admin")
    site_title = _("Victim Voice Forums admin")
    index_title = _("Run the programme")

    def login(self, request, extra_context=None):
        if _signed_in(request):
            raise Http404
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        """For VVF staff, the programme home: what needs doing today, above the list of
        everything else (vvf/home.py). Other roles see Django's index."""
        if has_role(request.user, VVF_STAFF):
            extra_context = {
                **(extra_context or {}),
                "programme": home.home(),
                "title": _("What needs doing today"),
            }
        return super().index(request, extra_context)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @functools.wraps(inner)
        def out_of_reach_is_404(request, *args, **kwargs):
            if _signed_in(request) and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return out_of_reach_is_404


def _signed_in(request):
    return request.user.is_authenticated and request.user.is_verified()

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class VvfConfig(AppConfig):
    """The project package: public pages, health check, shared templates and commands."""

    name = "vvf"
    verbose_name = "Victim Voice Forums"

    def ready(self):
        from . import uploads

        uploads.read_longer_part_headers()


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the service's site (vvf.admin_site.VVFAdminSite) as `admin.site`."""

    default = False  # VvfConfig is this module's app; this one is named in settings

    default_site = "vvf.admin_site.VVFAdminSite"

from django.apps import AppConfig


class VvfConfig(AppConfig):
    """The project package: public pages, health check, shared templates and commands."""

    name = "vvf"
    verbose_name = "Victim Voice Forums"

    def ready(self):
        from . import uploads

        uploads.read_longer_part_headers()

from django.apps import AppConfig


class LanguagesConfig(AppConfig):
    """The languages the public pages speak, and which of them are live."""

    name = "languages"
    verbose_name = "Languages"

    def ready(self):
        from . import checks  # noqa: F401  (registers the check)

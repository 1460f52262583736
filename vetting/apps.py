from django.apps import AppConfig


class VettingConfig(AppConfig):
    """PNC checks and the three-way suitability panel (issue 5)."""

    name = "vetting"
    verbose_name = "Vetting"

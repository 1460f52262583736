from django.apps import AppConfig


class VettingConfig(AppConfig):
    """PNC checks and the three-way suitability panel."""

    name = "vetting"
    verbose_name = "Vetting"

    def ready(self):
        from applications.signals import status_changed

        from .services import case_close_if_ended

        status_changed.connect(case_close_if_ended, dispatch_uid="vetting.case_close_if_ended")

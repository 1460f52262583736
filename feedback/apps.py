from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Anonymised feedback, recommendations and monthly reports (issue 7)."""

    name = "feedback"
    verbose_name = "Feedback"

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The privacy home: the retention rules, the cascade that deletes a person, subject
    access, erasure on request and its ledger, holds, and their records. It sits on top
    and reaches down into the apps whose rows it deletes; none of them imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = "Privacy"

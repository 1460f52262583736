"""What staff do next with an application, for the message that ends each action on it
in the admin: a link and its words.

The apps above intake own the later stages, so each registers the step for its own
statuses (vetting: the PNC check and the panel; forums: the membership) and applications
never imports them. Registered from each app's admin module, which Django's admin loads
before any admin page is drawn."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Status

_STEPS = {}


def next_step_for(*statuses):
    """Registers `step(application)` -> (url, words) or None for these statuses."""

    def register(step):
        for status in statuses:
            _STEPS[status] = step
        return step

    return register


def application_next_step(application):
    """(url, words): the next thing staff do with this application."""
    step = _STEPS.get(application.status)
    found = step(application) if step is not None else None
    if found is not None:
        return found
    reference = application.reference
    if application.status == Status.ONBOARDING:
        url = reverse("admin:applications_application_onboarding", args=[application.pk])
        return url, _("Record the onboarding conversation")
    if application.status in {Status.SUBMITTED, Status.IN_REVIEW, Status.PANEL}:
        url = reverse("admin:applications_application_change", args=[application.pk])
        return url, _("Open %(reference)s") % {"reference": reference}
    return reverse("admin:applications_application_changelist"), _("Back to the applications")

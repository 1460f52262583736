"""The next step staff take with an accepted application: choose its forum, or open its
membership (applications.next_steps asks; forums owns the membership)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from applications.models import Status
from applications.next_steps import next_step_for

from .models import Membership


@next_step_for(Status.ACCEPTED)
def membership_next(application):
    reference = application.reference
    membership = Membership.objects.filter(application=application).first()
    if membership is None:
        url = reverse("admin:forums_membership_make", args=[application.pk])
        return url, _("Choose the forum %(reference)s joins") % {"reference": reference}
    url = reverse("admin:forums_membership_change", args=[membership.pk])
    return url, _("Open the membership of %(reference)s") % {"reference": reference}

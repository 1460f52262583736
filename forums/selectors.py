"""Reads of the forums' data that carry a rule of the programme."""

from django.utils.translation import gettext as _

from applications.models import Status


def forum_applications(forum):
    """The applications to `forum`, newest first, each as (application, stage), the
    stage as the forum's people may read it (application_stage_in)."""
    applications = forum.applications.select_related("membership").order_by("-submitted_at")
    return [(application, application_stage_in(application, forum)) for application in applications]


def application_stage_in(application, forum):
    """An application's stage as seen from one of the forums it chose. Someone accepted
    joins one forum only: "Accepted" where she is a member, "Not joining this forum" in
    the others (which says nothing of where she went: that would tell one forum's
    people about another's), and "Accepted, forum to be chosen" until staff choose.
    Before that, the stage without vetting's details."""
    if application.status != Status.ACCEPTED:
        return application.get_stage_display_without_vetting()
    membership = getattr(application, "membership", None)
    if membership is None:
        return _("Accepted, forum to be chosen")
    if membership.forum_id != forum.pk:
        return _("Not joining this forum")
    return application.get_status_display()

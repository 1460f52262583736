"""Memberships: an accepted application makes a member of a forum, and a member may
leave early."""

from django.db import transaction
from django.utils import timezone

from applications.models import Status

from ..models import MEMBERS_AT_MOST, Membership, current_members


class MembershipError(Exception):
    pass


@transaction.atomic
def membership_create(*, application, forum, started_on):
    """An accepted application makes a member of one of the forums it chose. Returns
    (membership, over_capacity): past 12 members is allowed, with a warning."""
    if application.status != Status.ACCEPTED:
        raise MembershipError("Only an accepted application makes a member.")
    if not application.forums.filter(pk=forum.pk).exists():
        raise MembershipError("The applicant did not apply to this forum.")
    if Membership.objects.filter(application=application).exists():
        raise MembershipError("This applicant is already a member.")
    membership = Membership.objects.create(
        application=application,
        forum=forum,
        started_on=started_on,
        ended_on=forum.tenure_ends_on,
    )
    return membership, current_members(forum, started_on).count() > MEMBERS_AT_MOST


@transaction.atomic
def membership_leave(*, membership, left_on):
    """Leaving early ends the tenure that day; the retention clock starts then."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_on is not None:
        raise MembershipError("This member has already left.")
    if left_on < membership.started_on:
        raise MembershipError("A member cannot leave before they started.")
    membership.left_on = left_on
    if membership.ended_on is None or left_on < membership.ended_on:
        membership.ended_on = left_on
    membership.save(update_fields=["left_on", "ended_on"])
    return membership


def auto_membership(*, application, from_status, to_status, **kwargs):
    """Accepted with exactly one forum chosen: the membership follows at once."""
    if to_status != Status.ACCEPTED:
        return
    forums = list(application.forums.all())
    if len(forums) == 1 and not Membership.objects.filter(application=application).exists():
        membership_create(application=application, forum=forums[0], started_on=timezone.localdate())


@transaction.atomic
def membership_opportunity_emails_set(*, membership, wanted):
    """Whether the member is emailed when a new opportunity is published (their choice,
    on their opportunities page)."""
    membership.opportunity_emails = wanted
    membership.save(update_fields=["opportunity_emails"])

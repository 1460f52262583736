"""Membership: every write with a rule."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from applications.models import Status

from .models import MEMBERS_AT_MOST, Attendance, Meeting, Membership

EVERY_SIX_WEEKS = datetime.timedelta(weeks=6)
DEFAULT_LENGTH = datetime.timedelta(hours=2)
DEFAULT_VENUE = "Central London (venue to be confirmed)"


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
        application=application, forum=forum, started_on=started_on,
        ended_on=forum.tenure_ends_on,
    )  # fmt: skip
    return membership, forum.current_members(started_on).count() > MEMBERS_AT_MOST


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
        from django.utils import timezone

        membership_create(application=application, forum=forums[0], started_on=timezone.localdate())


@transaction.atomic
def meetings_schedule(
    *, forum, first_day, start_time, count=1, every=EVERY_SIX_WEEKS, length=DEFAULT_LENGTH,
    mode=Meeting.Mode.IN_PERSON, venue=DEFAULT_VENUE, joining_link="",
):  # fmt: skip
    """A meeting, or a series every six weeks, at the same London wall-clock time each
    time: 6pm stays 6pm across the GMT/BST changes."""
    if count < 1:
        raise MembershipError("Schedule at least one meeting.")
    london = ZoneInfo(settings.TIME_ZONE)
    meetings = []
    for n in range(count):
        day = first_day + n * every
        starts_at = datetime.datetime.combine(day, start_time, tzinfo=london)
        meetings.append(
            Meeting(
                forum=forum,
                starts_at=starts_at,
                ends_at=starts_at + length,
                mode=mode,
                venue=venue,
                joining_link=joining_link,
            )  # fmt: skip
        )
    return Meeting.objects.bulk_create(meetings)


@transaction.atomic
def attendance_record(*, meeting, attended_ids):
    """Takes the register: every current member of the meeting's forum is marked as
    attended or not. Only that forum's members can be on it."""
    day = meeting.starts_at.date()
    members = list(meeting.forum.current_members(day))
    unknown = set(attended_ids) - {m.pk for m in members}
    if unknown:
        raise MembershipError("Only members of this forum can be marked as attending.")
    for membership in members:
        Attendance.objects.update_or_create(
            meeting=meeting, membership=membership,
            defaults={"attended": membership.pk in attended_ids},
        )  # fmt: skip
    return members

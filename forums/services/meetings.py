"""Meetings: scheduling, changes and cancellations, the register, and the invitations
(with their calendar updates and reminders)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vvf import outbox

from .. import tasks
from ..models import Attendance, Invitation, Meeting, Membership, current_members

EVERY_SIX_WEEKS = datetime.timedelta(weeks=6)
DEFAULT_LENGTH = datetime.timedelta(hours=2)
DEFAULT_VENUE = "Central London (venue to be confirmed)"


class MeetingError(Exception):
    pass


def meeting_open(meeting):
    """Refuses a change to a meeting that was cancelled or has begun."""
    if meeting.cancelled:
        raise MeetingError("This meeting has been cancelled.")
    if meeting.starts_at <= timezone.now():
        raise MeetingError("This meeting has already happened.")


@transaction.atomic
def meetings_schedule(
    *,
    forum,
    first_day,
    start_time,
    count=1,
    every=EVERY_SIX_WEEKS,
    length=DEFAULT_LENGTH,
    mode=Meeting.Mode.IN_PERSON,
    venue=DEFAULT_VENUE,
    joining_link="",
):
    """A meeting, or a series every six weeks, at the same London wall-clock time each
    time: 6pm stays 6pm across the GMT/BST changes."""
    if count < 1:
        raise MeetingError("Schedule at least one meeting.")
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
            )
        )
    return Meeting.objects.bulk_create(meetings)


@transaction.atomic
def attendance_record(*, meeting, attended_ids):
    """Takes the register: every current member of the meeting's forum is marked as
    attended or not. Only that forum's members can be on it, once the meeting started."""
    if meeting.cancelled or meeting.starts_at > timezone.now():
        raise MeetingError("Attendance is taken once the meeting has started.")
    day = timezone.localtime(meeting.starts_at).date()
    members = list(current_members(meeting.forum, day))
    unknown = set(attended_ids) - {m.pk for m in members}
    if unknown:
        raise MeetingError("Only members of this forum can be marked as attending.")
    for membership in members:
        Attendance.objects.update_or_create(
            meeting=meeting,
            membership=membership,
            defaults={"attended": membership.pk in attended_ids},
        )
    return members


# Changing or cancelling a meeting -------------------------------------------------------

MEETING_FIELDS = {"starts_at", "ends_at", "mode", "venue", "joining_link"}


@transaction.atomic
def meeting_change(*, meeting, **fields):
    """Changes when, where or how a meeting happens. Members already invited get a
    calendar update."""
    assert set(fields) <= MEETING_FIELDS, set(fields) - MEETING_FIELDS
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_open(meeting)
    if fields.get("ends_at", meeting.ends_at) <= fields.get("starts_at", meeting.starts_at):
        raise MeetingError("A meeting must end after it starts.")
    changed = [name for name, value in fields.items() if getattr(meeting, name) != value]
    if not changed:
        return meeting
    for name in changed:
        setattr(meeting, name, fields[name])
    meeting.sequence += 1
    meeting.save(update_fields=[*changed, "sequence"])
    if "starts_at" in changed:  # a moved meeting gets its reminder again
        meeting.invitations.update(reminded_at=None)
    _send_calendar_updates(meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting):
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting_open(meeting)
    meeting.cancelled = True
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled", "sequence"])
    _send_calendar_updates(meeting)
    return meeting


def _send_calendar_updates(meeting):
    if meeting.invitations.filter(sent_at__isnull=False).exists():
        outbox.enqueue(tasks.send_invitations, meeting.pk)


# Invitations -------------------------------------------------------------------------------


@transaction.atomic
def invitations_send(*, meeting):
    """Invites every current member of the forum who is not invited yet, by email with
    a calendar file. Returns how many new invitations there are."""
    if meeting.cancelled:
        raise MeetingError("This meeting has been cancelled.")
    if meeting.starts_at <= timezone.now():
        raise MeetingError("This meeting has already started.")
    invited = set(meeting.invitations.values_list("membership_id", flat=True))
    members = current_members(meeting.forum, timezone.localtime(meeting.starts_at).date())
    new = [
        Invitation(meeting=meeting, membership=membership)
        for membership in members
        if membership.pk not in invited
    ]
    Invitation.objects.bulk_create(new)
    outbox.enqueue(tasks.send_invitations, meeting.pk)
    return len(new)


def _still_member():
    return Q(membership__in=Membership.objects.current())


def invitations_to_send(meeting):
    """Invitations whose member has not had the meeting's latest version."""
    return meeting.invitations.exclude(sent_sequence=meeting.sequence).filter(_still_member())


def invitation_send(*, invitation_id, send):
    """Calls send(invitation) unless this version went already, and records it. The row
    is locked while it is sent, so two runs at once do not email anyone twice."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("meeting", "membership__application")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.sent_sequence == invitation.meeting.sequence:
            return False
        send(invitation)
        invitation.sent_at = timezone.now()
        invitation.sent_sequence = invitation.meeting.sequence
        invitation.save(update_fields=["sent_at", "sent_sequence"])
        return True


@transaction.atomic
def invitation_answer(*, invitation, response, access_needs=""):
    if invitation.meeting.cancelled or invitation.meeting.starts_at <= timezone.now():
        raise MeetingError("This meeting can no longer be answered.")
    invitation.response = response
    invitation.access_needs = access_needs
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["response", "access_needs", "answered_at"])
    return invitation


REMIND_DAYS_BEFORE = 2


def reminders_due(*, now=None):
    """Invitations to remind: meetings from now until two days ahead (so a missed day
    catches up), sent, not cancelled, not declined, not reminded yet."""
    now = now or timezone.now()
    last_day = timezone.localtime(now).date() + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    return (
        Invitation.objects.filter(
            meeting__cancelled=False,
            meeting__starts_at__gt=now,
            meeting__starts_at__date__lte=last_day,
            sent_at__isnull=False,
            reminded_at__isnull=True,
        )
        .filter(_still_member())
        .exclude(response=Invitation.Response.NOT_ATTENDING)
        .select_related("meeting", "membership__application")
    )


def invitation_mark_reminded(*, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now())

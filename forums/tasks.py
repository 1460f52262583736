"""Forum emails and clean-up. Each task takes ids, fetches, and calls a service."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from vvf.email import absolute_url, send_templated_email


@shared_task
def send_invitations(meeting_id):
    """Sends each invited member the meeting's latest version: the invitation, an
    update or the cancellation, with the calendar file. Safe to run twice."""
    from .models import Meeting
    from .services.meetings import invitation_send, invitations_to_send

    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    sent = 0
    for invitation_id in invitations_to_send(meeting).values_list("pk", flat=True):
        sent += invitation_send(invitation_id=invitation_id, send=_send_invitation)
    return sent


def _send_invitation(invitation):
    from .calendar import meeting_calendar, meeting_url

    meeting = invitation.meeting
    if meeting.cancelled:
        name = "meeting-cancelled"
    elif invitation.sent_sequence is None:
        name = "meeting-invitation"
    else:
        name = "meeting-changed"
    application = invitation.membership.application
    send_templated_email(
        name,
        application.email,
        {
            "meeting": meeting,
            "starts_at": timezone.localtime(meeting.starts_at),
            "ends_at": timezone.localtime(meeting.ends_at),
            "name": application.preferred_name or application.full_name,
            "meeting_url": meeting_url(meeting),
        },
        attachments=[
            (
                "meeting.ics",
                meeting_calendar(meeting, application.email),
                "text/calendar; method=" + ("CANCEL" if meeting.cancelled else "REQUEST"),
            )
        ],
    )


@shared_task
def send_meeting_reminders():
    """Daily: a reminder two days before each meeting, to members who have not said
    they cannot come."""
    from .calendar import meeting_url
    from .services.meetings import invitation_mark_reminded, reminders_due

    sent = 0
    for invitation in reminders_due():
        meeting = invitation.meeting
        application = invitation.membership.application
        send_templated_email(
            "meeting-reminder",
            application.email,
            {
                "meeting": meeting,
                "starts_at": timezone.localtime(meeting.starts_at),
                "name": application.preferred_name or application.full_name,
                "meeting_url": meeting_url(meeting),
                "invitation": invitation,
            },
        )
        invitation_mark_reminded(invitation=invitation)
        sent += 1
    return sent


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def delete_recording(note_id):
    from .models import MeetingNote
    from .services.notes import recording_delete

    note = MeetingNote.objects.filter(pk=note_id).first()
    return bool(note) and recording_delete(note=note)


@shared_task
def send_member_link(link_id):
    from .models import MemberLink
    from .services.member_links import member_link_token

    link = MemberLink.objects.filter(pk=link_id).select_related("membership__application").first()
    if link is None:
        return
    application = link.membership.application
    url = absolute_url(reverse("members:sign-in", args=[member_link_token(link)]))
    send_templated_email(
        "member-sign-in",
        application.email,
        {"name": application.preferred_name or application.full_name, "sign_in_url": url},
    )


@shared_task
def send_support_requested(request_id):
    """Tells VVF's inbox, and the forum's facilitators, that a member asked for support
    after a meeting: a link to the list, no name and none of their words."""
    from django.conf import settings

    from accounts.roles import FACILITATOR

    from .models import SupportRequest

    request = SupportRequest.objects.select_related("meeting__forum").filter(pk=request_id).first()
    if request is None or request.status != SupportRequest.Status.OPEN:
        return 0
    forum = request.meeting.forum
    context = {
        "forum": forum.name,
        "url": absolute_url(
            reverse("forums:meeting", args=[forum.slug, request.meeting_id]) + "#support"
        ),
    }
    facilitators = forum.facilitators.filter(is_active=True, groups__name=FACILITATOR)
    recipients = [settings.VVF_INBOX, *facilitators.values_list("email", flat=True)]
    for to in recipients:
        send_templated_email("support-requested", to, context)
    return len(recipients)

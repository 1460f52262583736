"""Members and meetings for the forum tests."""

import datetime

from django.utils import timezone

from applications.services import consent_record
from forums.member_views import SESSION_KEY
from forums.services import meetings, memberships
from programme.models import Forum
from tests.factories import ApplicationFactory


def make_member(slug="vawg", started_days_ago=30, agreed_terms=True, **application):
    """A member who, unless `agreed_terms` is false, agreed to the current Terms of
    Reference when they applied."""
    forum = Forum.objects.get(slug=slug)
    accepted = ApplicationFactory(status="ACCEPTED", forums=[forum], **application)
    if agreed_terms:
        consent_record(application=accepted, kind="TERMS_OF_REFERENCE", given=True)
    membership, _crowded = memberships.membership_create(
        application=accepted,
        forum=forum,
        started_on=timezone.localdate() - datetime.timedelta(days=started_days_ago),
    )
    return membership


def make_meeting(slug="vawg", days_ahead=14, **kwargs):
    (meeting,) = meetings.meetings_schedule(
        forum=Forum.objects.get(slug=slug),
        first_day=timezone.localdate() + datetime.timedelta(days=days_ahead),
        start_time=datetime.time(18, 0),
        **kwargs,
    )
    return meeting


def sign_in_member(client, membership):
    session = client.session
    session[SESSION_KEY] = membership.pk
    session.save()
    return client

"""Members' sign-in links: single use, emailed, valid for a day."""

import datetime
import secrets

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from vvf import outbox

from .. import tasks
from ..models import MemberLink, Membership

_MEMBER_LINK_SALT = "forums.member-sign-in"
MEMBER_LINK_MAX_AGE = datetime.timedelta(hours=settings.RETENTION["MEMBER_LINK_HOURS"])


def current_member_by_email(email):
    return (
        Membership.objects.current()
        .filter(application__email__iexact=email.strip())
        .select_related("application")
        .first()
    )


@transaction.atomic
def member_link_send(*, email):
    """Emails a sign-in link when the address is a current member's; says nothing
    either way, so the page cannot be used to find out who is a member."""
    membership = current_member_by_email(email)
    if membership is None:
        return None
    link = MemberLink.objects.create(membership=membership, nonce=secrets.token_urlsafe(24))
    outbox.enqueue(tasks.send_member_link, link.pk)
    return link


def member_link_token(link):
    return signing.dumps({"l": link.pk, "n": link.nonce}, salt=_MEMBER_LINK_SALT)


def _member_link(token):
    try:
        data = signing.loads(token, salt=_MEMBER_LINK_SALT, max_age=MEMBER_LINK_MAX_AGE)
    except signing.BadSignature:
        return MemberLink.objects.none()
    return MemberLink.objects.filter(pk=data.get("l"), nonce=data.get("n"))


def member_link_valid(token):
    return _member_link(token).exists()


@transaction.atomic
def member_link_use(token):
    """The membership the link signs in, once: the link is deleted as it is used. None
    when it is forged, expired, used, or the tenure has ended."""
    link = _member_link(token).select_for_update().select_related("membership").first()
    if link is None:
        return None
    membership = link.membership
    link.delete()
    if not Membership.objects.current().filter(pk=membership.pk).exists():
        return None
    return membership


def member_links_delete_expired(*, now=None):
    cutoff = (now or timezone.now()) - MEMBER_LINK_MAX_AGE
    deleted, _ = MemberLink.objects.filter(created_at__lt=cutoff).delete()
    return deleted

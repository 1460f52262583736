"""Who sees which opportunities: members those open to their forum and not yet closed;
VVF staff all; the partner and facilitators those open to a forum they work with.
Police leads work with no forum, so see none."""

from accounts.roles import VVF_STAFF, has_role
from forums.permissions import forums_for_user

from .models import Opportunity


def opportunities_for_member(membership, today=None):
    return Opportunity.objects.open(today).filter(forums=membership.forum)


def opportunities_for_user(user):
    if has_role(user, VVF_STAFF):
        return Opportunity.objects.all()
    return Opportunity.objects.filter(forums__in=forums_for_user(user)).distinct()

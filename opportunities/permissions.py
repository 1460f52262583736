"""Who sees which opportunities: members those open to their forum and not yet closed;
VVF staff all; the partner and facilitators those open to a forum they work with.
Police leads work with no forum, so see none."""

from django.db.models import Count, Q

from accounts.roles import VVF_STAFF, has_role
from forums.permissions import forums_for_user

from .models import Opportunity


def opportunities_for_member(membership, today=None):
    return Opportunity.objects.open(today).filter(forums=membership.forum)


def opportunities_for_user(user):
    if has_role(user, VVF_STAFF):
        return Opportunity.objects.all()
    return Opportunity.objects.filter(forums__in=forums_for_user(user)).distinct()


def with_interest_counts(user, opportunities):
    """Each with `interested`: how many members it may show this person are interested
    (interests_seen_by's rule, counted)."""
    counted = Q()
    if not has_role(user, VVF_STAFF):
        counted = Q(interests__membership__forum__in=forums_for_user(user))
    return opportunities.annotate(interested=Count("interests", filter=counted, distinct=True))


def manages_opportunity(user, opportunity):
    """Publishes and closes it: VVF staff, or someone who works with every forum it is
    open to (so the partner cannot close what MOPAC offers to its own forums too)."""
    if has_role(user, VVF_STAFF):
        return True
    theirs = set(forums_for_user(user).values_list("pk", flat=True))
    wanted = set(opportunity.forums.values_list("pk", flat=True))
    return bool(wanted) and wanted <= theirs


def interests_seen_by(user, opportunity):
    """The interested members a person may see: of the forums they work with."""
    interests = opportunity.interests.select_related("membership__application", "membership__forum")
    if has_role(user, VVF_STAFF):
        return interests
    return interests.filter(membership__forum__in=forums_for_user(user))

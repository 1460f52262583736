"""Who may do what with feedback. VVF staff and facilitators (for their forums) record
feedback and raise recommendations; police leads read everything anonymised and answer.
Nobody here sees a member's personal data."""

from django.http import Http404

from accounts.roles import FACILITATOR, POLICE_LEAD, VVF_STAFF, roles_of
from forums.permissions import forums_facilitated_by
from programme.models import Forum

from .models import ROLE_MOVES, Recommendation

# Who may open the feedback pages (each sees what recording_forums and
# recommendations_for give them), and who reads the monthly reports.
FEEDBACK_PEOPLE = (VVF_STAFF, FACILITATOR, POLICE_LEAD)
REPORT_READERS = (VVF_STAFF, POLICE_LEAD)


def recording_forums(user):
    """The forums whose feedback the user records."""
    if VVF_STAFF in roles_of(user):
        return Forum.objects.all()
    return forums_facilitated_by(user)


def get_recording_forum(user, slug):
    forum = recording_forums(user).filter(slug=slug).first()
    if forum is None:
        raise Http404
    return forum


def recommendations_for(user):
    roles = roles_of(user)
    if VVF_STAFF in roles or POLICE_LEAD in roles:
        return Recommendation.objects.all()
    return Recommendation.objects.filter(forum__in=recording_forums(user))


def get_recommendation_for(user, pk):
    recommendation = recommendations_for(user).filter(pk=pk).select_related("forum").first()
    if recommendation is None:
        raise Http404
    return recommendation


def moves_for(user, recommendation):
    """The moves this user may make on this recommendation now."""
    mine = moves_of(user)
    return [move for move in recommendation.allowed_moves() if move in mine]


def moves_of(user):
    mine = set()
    for role in roles_of(user):
        mine |= ROLE_MOVES.get(role, set())
    return mine

"""Who may see which suitability case: the three members sitting on it, through
django-guardian object permissions on the case."""

from django.http import Http404
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from .models import SuitabilityCase

SIT = "vetting.sit_on_panel"


def grant_panel_seat(case, user):
    assign_perm(SIT, user, case)


def revoke_panel_seat(case, user):
    remove_perm(SIT, user, case)


def cases_for_user(user):
    # Only the seats: not even a superuser sees a case they do not sit on here.
    return get_objects_for_user(
        user, SIT, klass=SuitabilityCase, accept_global_perms=False, with_superuser=False
    )


def get_case_for_user(user, pk):
    """The case if the user sits on it; 404 otherwise, whatever else they may be."""
    case = cases_for_user(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case

"""The roles of DOMAIN.md, kept as Django groups.

The groups are created by a data migration. What each role may do in the admin is
granted here after every migrate, because model permissions exist only once all apps
have migrated. Object-level reach (which forum, which case) is django-guardian's job,
in each app's permissions.py.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.http import Http404

VVF_STAFF = "VVF staff"
PANEL_MEMBER = "Panel member"
EXTERNAL_PARTNER = "External partner"
FACILITATOR = "Facilitator"
POLICE_LEAD = "Police lead"

ALL_ROLES = [VVF_STAFF, PANEL_MEMBER, EXTERNAL_PARTNER, FACILITATOR, POLICE_LEAD]

# VVF staff run the programme in the admin. They do not delete records by hand: deletion
# follows the retention rules, in code.
STAFF_APPS = [
    "accounts",
    "programme",
    "forums",
    "applications",
    "vetting",
    "feedback",
    "opportunities",
    "audit",
    "languages",
]
STAFF_ACTIONS = ["view", "add", "change"]
# Besides: withdrawing a translator's check (no personal data) takes a language back to
# a draft.
STAFF_ALSO = ["delete_translationcheck"]


def roles_of(user):
    """The names of the user's roles, in the order of ALL_ROLES. Read from the database
    once per user object (as Django caches permissions), not at every check of a page."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_roles_cache"):
        names = {group.name for group in user.groups.all()}
        user._roles_cache = [role for role in ALL_ROLES if role in names]
    return list(user._roles_cache)


def has_role(user, role):
    return role in roles_of(user)


def role_required(*roles):
    """The one gate of every page for signed-in roles: someone signed out is sent to sign
    in, and someone without one of `roles` gets 404, as everything out of reach does."""

    def decorator(view):
        @functools.wraps(view)
        def gated(request, *args, **kwargs):
            if not set(roles) & set(roles_of(request.user)):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(gated)

    return decorator


def sync_role_permissions(**kwargs):
    staff = Group.objects.filter(name=VVF_STAFF).first()
    if staff is None:
        return
    wanted = Permission.objects.filter(content_type__app_label__in=STAFF_APPS).filter(
        Q(codename__regex=r"^(" + "|".join(STAFF_ACTIONS) + r")_") | Q(codename__in=STAFF_ALSO)
    )
    staff.permissions.set(wanted)

"""The memberships', meetings' and claims' "To do" filters: each choice a rule of
forums.models, the one the programme home counts with."""

from django.utils.translation import gettext_lazy as _

from applications.models import ConsentDocument, agreed_to_current
from vvf.admin_filters import RuleFilter

from .models import COMING_WEEKS, TENURE_ENDING_DAYS


class Tenure(RuleFilter):
    parameter_name = "tenure"
    title = _("tenure")
    rules = {
        "current": (_("Current members"), lambda qs: qs.current()),
        "ending": (
            _("Tenure ends within %(days)s days") % {"days": TENURE_ENDING_DAYS},
            lambda qs: qs.tenure_ending(),
        ),
    }


def _agreed(queryset):
    return queryset.filter(
        agreed_to_current(ConsentDocument.Kind.TERMS_OF_REFERENCE, "application")
    )


def _not_agreed(queryset):
    return queryset.filter(
        ~agreed_to_current(ConsentDocument.Kind.TERMS_OF_REFERENCE, "application")
    )


class TermsOfReference(RuleFilter):
    """Who has agreed to the current version (they are asked on their next visit)."""

    parameter_name = "terms"
    title = _("Terms of Reference")
    rules = {
        "not_agreed": (_("Not yet agreed to the current version"), _not_agreed),
        "agreed": (_("Agreed to the current version"), _agreed),
    }


class MeetingToDo(RuleFilter):
    rules = {
        "coming": (
            _("In the next %(weeks)s weeks") % {"weeks": COMING_WEEKS},
            lambda qs: qs.coming(),
        ),
        "unanswered": (
            _("Coming, invitations not yet answered"),
            lambda qs: qs.with_unanswered_invitations(),
        ),
        "access": (_("Coming, access needs to arrange"), lambda qs: qs.with_access_needs()),
        "recording": (_("Recording waiting for the final note"), lambda qs: qs.recording_waiting()),
        "support": (_("A member asked for support"), lambda qs: qs.support_waiting()),
    }


class ClaimToDo(RuleFilter):
    rules = {
        "decide": (_("To decide"), lambda qs: qs.to_decide()),
        "export": (_("Approved, not yet exported"), lambda qs: qs.not_yet_exported()),
    }

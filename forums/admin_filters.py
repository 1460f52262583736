"""The memberships', meetings' and claims' "To do" filters: each choice a rule of
forums.models, the one the programme home counts with."""

from django.utils.translation import gettext_lazy as _

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
    }


class ClaimToDo(RuleFilter):
    rules = {
        "decide": (_("To decide"), lambda qs: qs.to_decide()),
        "export": (_("Approved, not yet exported"), lambda qs: qs.not_yet_exported()),
    }

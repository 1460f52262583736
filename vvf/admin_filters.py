"""The admin's "To do" list filters: each choice is a rule its app keeps (a QuerySet
method), the same rule the programme home counts with (vvf/programme.py), so the count
on the home and the list behind its link cannot disagree."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.models import UNANSWERED_DAYS
from forums.models import COMING_WEEKS, TENURE_ENDING_DAYS
from vetting.models import PanelSeat
from vvf import programme, retention


class RuleFilter(admin.SimpleListFilter):
    """Choices {value: (label, queryset -> the rows the rule finds)}."""

    parameter_name = programme.TODO
    title = _("to do")
    rules = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _rule) in self.rules.items()]

    def queryset(self, request, queryset):
        if self.value() in self.rules:
            return self.rules[self.value()][1](queryset)
        return queryset


class ApplicationToDo(RuleFilter):
    REVIEW = "review"
    rules = {
        REVIEW: (_("Waiting for review (oldest first)"), lambda qs: qs.waiting_for_review()),
        "onboarding": (_("Onboarding conversation to hold"), lambda qs: qs.onboarding_to_hold()),
        "forum": (_("Accepted: a forum to choose"), lambda qs: qs.forum_to_choose()),
        "deletion": (
            _("Due for deletion within %(days)s days") % {"days": programme.DELETION_DAYS},
            lambda qs: qs.filter(retention.due_within(programme.DELETION_DAYS)),
        ),
        "held": (_("Held from deletion"), lambda qs: qs.on_hold()),
    }


class PncCheckToDo(RuleFilter):
    rules = {
        "waiting": (_("Waiting for the result"), lambda qs: qs.waiting_for_result()),
        "overdue": (_("Overdue (past six weeks)"), lambda qs: qs.overdue()),
    }


class WaitingForSeat(RuleFilter):
    parameter_name = "seat"
    title = _("waiting for the seat")
    rules = {
        seat.value: (seat.label, lambda qs, seat=seat: qs.waiting_for_seat(seat))
        for seat in PanelSeat.Seat
    }


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


class RecommendationToDo(RuleFilter):
    rules = {
        "late": (
            _("Over %(days)s days without an answer") % {"days": UNANSWERED_DAYS},
            lambda qs: qs.unanswered_too_long(),
        ),
    }

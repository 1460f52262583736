"""The recommendations' "To do" filter: a rule of feedback.models, the one the
programme home counts with."""

from django.utils.translation import gettext_lazy as _

from vvf.admin_filters import RuleFilter

from .models import UNANSWERED_DAYS


class RecommendationToDo(RuleFilter):
    rules = {
        "late": (
            _("Over %(days)s days without an answer") % {"days": UNANSWERED_DAYS},
            lambda qs: qs.unanswered_too_long(),
        ),
    }

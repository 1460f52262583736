"""The applications list's "To do" filter: each choice is a rule of applications.models
(a QuerySet method), the one the programme home counts with."""

from django.utils.translation import gettext_lazy as _

from vvf import retention
from vvf.admin_filters import DELETION_DAYS, RuleFilter


class ApplicationToDo(RuleFilter):
    REVIEW = "review"
    rules = {
        REVIEW: (_("Waiting for review (oldest first)"), lambda qs: qs.waiting_for_review()),
        "onboarding": (_("Onboarding conversation to hold"), lambda qs: qs.onboarding_to_hold()),
        "forum": (_("Accepted: a forum to choose"), lambda qs: qs.forum_to_choose()),
        "deletion": (
            _("Due for deletion within %(days)s days") % {"days": DELETION_DAYS},
            lambda qs: qs.filter(retention.due_within(DELETION_DAYS)),
        ),
        "held": (_("Held from deletion"), lambda qs: qs.on_hold()),
    }

"""The applications list's "To do" filter: each choice is a rule of applications.models
(a QuerySet method), the one the programme home counts with. The privacy app adds the
deletions due and the holds (privacy/admin.py)."""

from django.utils.translation import gettext_lazy as _

from vvf.admin_filters import RuleFilter


class ApplicationToDo(RuleFilter):
    REVIEW = "review"
    rules = {
        REVIEW: (_("Waiting for review (oldest first)"), lambda qs: qs.waiting_for_review()),
        "onboarding": (_("Onboarding conversation to hold"), lambda qs: qs.onboarding_to_hold()),
        "forum": (_("Accepted: a forum to choose"), lambda qs: qs.forum_to_choose()),
    }

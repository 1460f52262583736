"""The admin's "To do" list filters: each app's (`<app>/admin_filters.py`) offers rules
that app keeps (QuerySet methods), the same rules the programme home counts with
(vvf/home.py), so the count on the home and the list behind its link cannot
disagree."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# The parameter of every "To do" filter.
TODO = "todo"


class RuleFilter(admin.SimpleListFilter):
    """Choices {value: (label, queryset -> the rows the rule finds)}."""

    parameter_name = TODO
    title = _("to do")
    rules = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _rule) in self.rules.items()]

    def queryset(self, request, queryset):
        if self.value() in self.rules:
            return self.rules[self.value()][1](queryset)
        return queryset

"""The admin for feedback: VVF staff manage the list of themes. Feedback items,
recommendations and reports are read here and written through the feedback pages."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from vvf import admin as vvf_admin
from vvf.admin import ReadOnlyMixin, person_or_dash

from .admin_filters import RecommendationToDo
from .models import FeedbackItem, MonthlyReport, Recommendation, Theme


@admin.register(Theme)
class ThemeAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]


@admin.register(FeedbackItem)
class FeedbackItemAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    list_display = ["recorded_at", "forum", "theme"]
    list_filter = ["forum", "theme"]
    date_hierarchy = "recorded_at"
    fields = ["forum", "meeting", "theme", "text", "recorded_by_person", "recorded_at"]
    readonly_fields = fields

    @admin.display(description=_("recorded by"))
    def recorded_by_person(self, item):
        return person_or_dash(item.recorded_by)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    list_display = ["title", "forum", "status", "raised_at", "page"]
    list_filter = [RecommendationToDo, "forum", "status"]
    search_fields = ["title"]
    fields = [
        "forum",
        "meeting",
        "title",
        "detail",
        "owner_person",
        "status",
        "accepted",
        "explanation",
        "fed_back_at",
        "raised_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("owner"))
    def owner_person(self, recommendation):
        return person_or_dash(recommendation.owner)

    @admin.display(description=_("timeline and actions"))
    def page(self, recommendation):
        url = reverse("feedback:recommendation", args=[recommendation.pk])
        return format_html('<a href="{}">{}</a>', url, _("Open"))


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    list_display = ["month", "forum", "generated_at"]
    list_filter = ["forum"]
    list_select_related = ["forum"]  # may be empty (all forums): not followed by default
    fields = ["month", "forum", "generated_at"]
    readonly_fields = fields

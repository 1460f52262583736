"""Opportunities in the admin, for VVF staff: write one as a draft, publish it (which
emails the members of its forums), close it; see who is interested and, for an
opportunity the Met runs, who of them consents to sharing, and export those alone."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf import admin as vvf_admin
from vvf import secure_export
from vvf.admin import ReadOnlyMixin, admin_page, done

from . import services
from .models import WRITTEN, Interest, Opportunity

CONSENT_WORDS = {True: _("Agreed"), False: _("Not agreed"), None: _("Never asked")}


class InterestInline(ReadOnlyMixin, vvf_admin.TabularInline):
    model = Interest
    verbose_name_plural = _("Members interested")
    extra = 0
    can_delete = False
    fields = ["member", "forum", "needs", "registered_at", "met_consent"]
    readonly_fields = fields

    def get_queryset(self, request):
        return services.with_met_consent(super().get_queryset(request))

    @admin.display(description=_("member"))
    def member(self, interest):
        return interest.membership.application.reference

    @admin.display(description=_("forum"))
    def forum(self, interest):
        return interest.membership.forum

    @admin.display(description=_("sharing with the Met"))
    def met_consent(self, interest):
        return CONSENT_WORDS[interest.met_consent]


@admin.register(Opportunity)
class OpportunityAdmin(AuditedAdminMixin, vvf_admin.ModelAdmin):
    # Audited: its page lists the members interested and what they need.
    fields = WRITTEN
    list_display = ["title", "kind", "run_by", "status", "closes_on", "interested"]
    list_filter = ["status", "kind", "run_by", "forums"]
    search_fields = ["title"]
    inlines = [InterestInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(interested_count=Count("interests"))

    @admin.display(description=_("members interested"), ordering="interested_count")
    def interested(self, opportunity):
        return opportunity.interested_count

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "forums":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/publish/",
                wrap(self.move_view),
                {"to": Opportunity.Status.PUBLISHED},
                name="opportunities_opportunity_publish",
            ),
            path(
                "<int:pk>/close/",
                wrap(self.move_view),
                {"to": Opportunity.Status.CLOSED},
                name="opportunities_opportunity_close",
            ),
            path(
                "<int:pk>/met-export/",
                wrap(self.met_export_view),
                name="opportunities_opportunity_met_export",
            ),
            path(
                "met-export/<str:token>/",
                wrap(self.met_export_download_view),
                name="opportunities_opportunity_met_export_download",
            ),
            *super().get_urls(),
        ]

    MOVE_WORDS = {
        Opportunity.Status.PUBLISHED: (
            _("Publish this opportunity"),
            _(
                "Members of the forums it is open to will see it on their page, and those who "
                "asked for them get an email."
            ),
            _("Published: members of its forums can see it and say they are interested."),
        ),
        Opportunity.Status.CLOSED: (
            _("Close this opportunity"),
            _("Members will no longer see it. Who was interested stays here for you."),
            _("Closed: members no longer see it."),
        ),
    }

    def move_view(self, request, pk, to):
        if not request.user.has_perm("opportunities.change_opportunity"):
            raise PermissionDenied
        opportunity = get_object_or_404(Opportunity, pk=pk)
        title, explained, finished = self.MOVE_WORDS[to]
        if request.method == "POST":
            try:
                services.opportunity_transition(
                    opportunity=opportunity, to_status=to, by=request.user
                )
            except services.OpportunityError as refused:
                messages.error(request, str(refused))
            else:
                audit_record(
                    actor=request.user,
                    action=Action.CHANGE,
                    obj=opportunity,
                    detail="status {}",
                    values=[to],
                )
                done(request, finished)
            return redirect("admin:opportunities_opportunity_change", opportunity.pk)
        return admin_page(
            self,
            request,
            "admin/opportunities/move.html",
            original=opportunity,
            title=title,
            explained=explained,
        )

    def met_export_view(self, request, pk):
        """The interested members who consent to sharing with the Met, as an encrypted
        spreadsheet for the Met contact; its password is shown once."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        opportunity = get_object_or_404(Opportunity, pk=pk)
        if not opportunity.shares_with_the_met:
            raise PermissionDenied
        context = {"original": opportunity, "title": _("Share with the Met")}
        if request.method == "POST":
            plain, count = services.met_export(opportunity)
            token, password = secure_export.prepare(
                plain, f"opportunity-{opportunity.pk}-for-the-met.xlsx", user=request.user
            )
            audit_record(
                actor=request.user,
                action=Action.EXPORT,
                obj=opportunity,
                detail="{} members shared with the Met",
                values=[count],
            )
            context.update(token=token, password=password, count=count)
            return admin_page(self, request, "admin/opportunities/met_export_ready.html", **context)
        consenting, not_consenting = services.met_sharing_split(opportunity)
        context.update(consenting=consenting, not_consenting=not_consenting)
        return admin_page(self, request, "admin/opportunities/met_export.html", **context)

    def met_export_download_view(self, request, token):
        return secure_export.download_response(token, user=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "moves": self._moves(object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _moves(self, object_id):
        opportunity = Opportunity.objects.filter(pk=object_id).first()
        if opportunity is None:
            return []
        return [
            (reverse(f"admin:opportunities_opportunity_{name}", args=[opportunity.pk]), words)
            for status, name, words in [
                (Opportunity.Status.PUBLISHED, "publish", _("Publish")),
                (Opportunity.Status.CLOSED, "close", _("Close")),
            ]
            if opportunity.can_move_to(status)
        ]

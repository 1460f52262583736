from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf.admin import MadeByTheServiceMixin, ReadOnlyMixin, admin_page
from vvf.admin_filters import PncCheckToDo, WaitingForSeat

from . import services
from .admin_forms import DisclosureFormSet, RequestCheckForm, ResultForm
from .models import Disclosure, DisclosureView, PncCheck, SuitabilityCase


class DisclosureInline(ReadOnlyMixin, admin.TabularInline):
    model = Disclosure
    extra = 0
    can_delete = False
    fields = ["offence", "offence_date", "disposal", "notes"]
    readonly_fields = fields


@admin.register(PncCheck)
class PncCheckAdmin(AuditedAdminMixin, MadeByTheServiceMixin, admin.ModelAdmin):
    list_display = ["application", "requested_on", "due_on", "is_overdue", "result"]
    list_filter = [PncCheckToDo, "result"]
    search_fields = ["=application__reference"]
    list_select_related = ["application"]
    fields = ["application", "requested_on", "requested_by", "result_received_on", "result"]
    readonly_fields = fields
    inlines = [DisclosureInline]
    # Which check was looked at when could be matched to the reading of a disclosure.
    untied_views = True

    @admin.display(boolean=True, description=_("overdue"))
    def is_overdue(self, obj):
        return obj.is_overdue

    def change_view(self, request, object_id, form_url="", extra_context=None):
        check = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "can_record": check and not check.result}
        response = super().change_view(request, object_id, form_url, extra_context)
        case = getattr(check, "suitability_case", None) if check else None
        if response.status_code == 200 and case is not None and check.disclosures.exists():
            services.disclosure_viewed(case=case, viewer=request.user)
        return response

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "request/<int:application_pk>/",
                wrap(self.request_view),
                name="vetting_pnccheck_request",
            ),
            path("<int:pk>/result/", wrap(self.result_view), name="vetting_pnccheck_result"),
            *super().get_urls(),
        ]

    def request_view(self, request, application_pk):
        if not request.user.has_perm("vetting.add_pnccheck"):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=application_pk)
        form = RequestCheckForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                check = services.check_request(
                    application=application,
                    requested_on=form.cleaned_data["requested_on"],
                    by=request.user,
                )
            except services.VettingError as refused:
                messages.error(request, str(refused))
                return redirect("admin:applications_application_change", application.pk)
            audit_record(actor=request.user, action=Action.CREATE, obj=check)
            messages.success(request, _("The PNC check is recorded as requested."))
            return redirect("admin:vetting_pnccheck_change", check.pk)
        return admin_page(
            self, request, "admin/vetting/request.html", form=form, original=application,
            title=_("Request a PNC check"),
        )  # fmt: skip

    def result_view(self, request, pk):
        if not request.user.has_perm("vetting.change_pnccheck"):
            raise PermissionDenied
        check = get_object_or_404(PncCheck, pk=pk)
        posted = request.POST if request.method == "POST" else None
        form = ResultForm(posted)
        formset = DisclosureFormSet(posted, prefix="disclosure")
        if check.result:
            messages.error(request, _("This check's result is already recorded."))
            return redirect("admin:vetting_pnccheck_change", check.pk)
        if request.method == "POST" and form.is_valid() and formset.is_valid():
            items = [f.cleaned_data for f in formset if f.cleaned_data]
            try:
                if form.cleaned_data["result"] == ResultForm.NO_RECORD:
                    services.check_record_no_record(
                        check=check, received_on=form.cleaned_data["received_on"], by=request.user
                    )
                else:
                    services.check_record_disclosure(
                        check=check,
                        received_on=form.cleaned_data["received_on"],
                        items=items,
                        seats=form.seats(),
                        by=request.user,
                    )
            except services.VettingError as refused:
                messages.error(request, str(refused))
            else:
                return redirect("admin:vetting_pnccheck_change", check.pk)
        return admin_page(
            self, request, "admin/vetting/result.html", form=form, formset=formset, original=check,
            title=_("Record the PNC result"),
        )  # fmt: skip


@admin.register(DisclosureView)
class DisclosureViewAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The access log of the open cases: who viewed which case's disclosure, when."""

    list_display = ["at", "viewer_id", "case"]
    list_filter = [("at", admin.DateFieldListFilter)]


@admin.register(SuitabilityCase)
class SuitabilityCaseAdmin(MadeByTheServiceMixin, admin.ModelAdmin):
    list_display = ["__str__", "opened_at", "result_received_on"]
    list_filter = [WaitingForSeat]
    fields = ["check_record", "opened_at", "result_received_on"]
    readonly_fields = fields

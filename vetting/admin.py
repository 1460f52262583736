from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.selectors import people_beside_ids
from applications.models import Application, Status
from applications.next_steps import application_next_step, next_step_for
from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf import admin as vvf_admin
from vvf.admin import (
    MadeByTheServiceMixin,
    ReadOnlyMixin,
    admin_page,
    done,
)

from . import services
from .admin_filters import PncCheckToDo, WaitingForSeat
from .admin_forms import DisclosureFormSet, RequestCheckForm, ResultForm
from .models import Disclosure, DisclosureView, PncCheck, SuitabilityCase


@next_step_for(Status.PNC_CHECK)
def _check_next(application):
    check = PncCheck.objects.filter(application=application).first()
    if check is None:
        url = reverse("admin:vetting_pnccheck_request", args=[application.pk])
        return url, _("Record that the PNC check was requested")
    url = reverse("admin:vetting_pnccheck_result", args=[check.pk])
    return url, _("Record the PNC result when it comes")


@next_step_for(Status.PANEL)
def _case_next(application):
    case = SuitabilityCase.objects.filter(check_record__application=application).first()
    if case is None:
        return None
    url = reverse("admin:vetting_suitabilitycase_change", args=[case.pk])
    return url, _("Open the suitability case for %(reference)s") % {
        "reference": application.reference
    }


class DisclosureInline(ReadOnlyMixin, vvf_admin.TabularInline):
    model = Disclosure
    extra = 0
    can_delete = False
    fields = ["offence", "offence_date", "disposal", "notes"]
    readonly_fields = fields


@admin.register(PncCheck)
class PncCheckAdmin(AuditedAdminMixin, MadeByTheServiceMixin, vvf_admin.ModelAdmin):
    list_display = ["application", "requested_on", "due_on", "is_overdue", "result"]
    list_filter = [PncCheckToDo, "result"]
    search_fields = ["=application__reference"]
    list_select_related = ["application"]
    fields = ["application", "requested_on", "requested_by_person", "result_received_on", "result"]
    readonly_fields = fields
    inlines = [DisclosureInline]
    # Which check was looked at when could be matched to the reading of a disclosure.
    untied_views = True

    @admin.display(description=_("requested by"))
    def requested_by_person(self, check):
        return check.requested_by.name_and_email() if check.requested_by else "-"

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
            done(
                request,
                _("The PNC check for %(reference)s is recorded as requested; it is due by %(due)s.")
                % {"reference": application.reference, "due": date_format(check.due_on)},
                (
                    reverse("admin:vetting_pnccheck_result", args=[check.pk]),
                    _("Record the result when it comes"),
                ),
            )
            return redirect("admin:vetting_pnccheck_change", check.pk)
        return admin_page(
            self,
            request,
            "admin/vetting/request.html",
            form=form,
            application=application,
            title=_("Request a PNC check"),
        )

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
            application = check.application
            try:
                if form.cleaned_data["result"] == ResultForm.NO_RECORD:
                    services.check_record_no_record(
                        check=check, received_on=form.cleaned_data["received_on"], by=request.user
                    )
                else:
                    case = services.check_record_disclosure(
                        check=check,
                        received_on=form.cleaned_data["received_on"],
                        items=items,
                        seats=form.seats(),
                        by=request.user,
                    )
            except services.VettingError as refused:
                messages.error(request, str(refused))
            else:
                application.refresh_from_db()
                if form.cleaned_data["result"] == ResultForm.NO_RECORD:
                    done(
                        request,
                        _(
                            "The PNC check for %(reference)s found no record: it is complete, the "
                            "application is accepted and the applicant has been emailed."
                        )
                        % {"reference": application.reference},
                        application_next_step(application),
                    )
                    return redirect("admin:applications_application_change", application.pk)
                done(
                    request,
                    _(
                        "Suitability case opened for %(reference)s; the three seat holders have "
                        "been emailed."
                    )
                    % {"reference": application.reference},
                    (
                        reverse("admin:vetting_suitabilitycase_change", args=[case.pk]),
                        _("Open the suitability case"),
                    ),
                )
                return redirect("admin:vetting_suitabilitycase_change", case.pk)
        return admin_page(
            self,
            request,
            "admin/vetting/result.html",
            form=form,
            formset=formset,
            original=check,
            title=_("Record the PNC result"),
        )


@admin.register(DisclosureView)
class DisclosureViewAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    """The access log of the open cases: who viewed which case's disclosure, when."""

    list_display = ["at", "viewer", "case_reference"]
    list_filter = [("at", admin.DateFieldListFilter)]
    list_select_related = ["case__check_record__application"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        people_beside_ids(changelist.result_list, "viewer_id")
        return changelist

    @admin.display(description=_("viewer"), ordering="viewer_id")
    def viewer(self, view):
        return getattr(view, "person", view.viewer_id)

    @admin.display(description=_("case"))
    def case_reference(self, view):
        return view.case.application.reference


@admin.register(SuitabilityCase)
class SuitabilityCaseAdmin(ReadOnlyMixin, vvf_admin.ModelAdmin):
    # The list's first column is the reference as plain text, which the admin makes the
    # link to the case: a link to the application inside it would nest one link in
    # another, and the reference would lead away from the case.
    list_display = ["reference", "opened_at", "result_received_on", "seats_waiting"]
    list_filter = [WaitingForSeat]
    fields = ["application_reference", "opened_at", "result_received_on", "seat_holders"]
    readonly_fields = fields
    list_select_related = ["check_record__application"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("seats__member")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = self.get_object(request, object_id)
        if case is not None:
            subtitle = _("Suitability case for %(reference)s") % {
                "reference": case.application.reference
            }
            extra_context = {**(extra_context or {}), "subtitle": subtitle}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("application"), ordering="check_record__application__reference")
    def reference(self, case):
        return case.application.reference

    @admin.display(description=_("application"))
    def application_reference(self, case):
        url = reverse("admin:applications_application_change", args=[case.application.pk])
        return format_html('<a href="{}">{}</a>', url, case.application.reference)

    @admin.display(description=_("waiting for"))
    def seats_waiting(self, case):
        waiting = [seat.get_seat_display() for seat in case.seats.all() if not seat.decision]
        return ", ".join(waiting) or "-"

    @admin.display(description=_("panel"))
    def seat_holders(self, case):
        return format_html_join(
            "",
            "<p>{}: {} ({})</p>",
            (
                (
                    seat.get_seat_display(),
                    seat.member.name_and_email(),
                    _("decided") if seat.decision else _("not decided yet"),
                )
                for seat in case.seats.all()
            ),
        )

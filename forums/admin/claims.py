"""The admin's expense claims: deciding each, its receipt, and the monthly export."""

import pathlib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf import admin as vvf_admin
from vvf import secure_export
from vvf.admin import ReadOnlyMixin, admin_page, done, person_or_dash

from ..admin_filters import ClaimToDo
from ..claim_forms import ClaimDecideForm, ClaimExportForm
from ..models import ExpenseClaim
from ..services.claims import RECEIPT_CONTENT_TYPES, ClaimError, claim_decide, claims_export


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(AuditedAdminMixin, ReadOnlyMixin, vvf_admin.ModelAdmin):
    """Members claim from their own pages; VVF staff decide each claim here (through
    forums.services.claims.claim_decide), download receipts, and export each month's
    approved claims for finance. Claims are never added, edited or deleted by hand."""

    list_display = [
        "member_reference",
        "forum",
        "meeting_date",
        "kind",
        "amount",
        "status",
        "submitted_at",
    ]
    list_filter = [ClaimToDo, "status", "kind", "meeting__forum"]
    search_fields = ["=membership__application__reference"]
    list_select_related = ["membership__application", "meeting__forum"]
    list_per_page = 100
    fields = [
        "member_reference",
        "forum",
        "meeting_date",
        "kind",
        "amount",
        "description",
        "receipt_link",
        "status",
        "submitted_at",
        "decided_at",
        "decided_by_person",
        "reason",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related("membership__application", "meeting__forum", "decided_by")

    @admin.display(description=_("member reference"), ordering="membership__application__reference")
    def member_reference(self, claim):
        return claim.membership.application.reference

    @admin.display(description=_("forum"), ordering="meeting__forum")
    def forum(self, claim):
        return claim.meeting.forum.name

    @admin.display(description=_("meeting date"), ordering="meeting__starts_at")
    def meeting_date(self, claim):
        return timezone.localtime(claim.meeting.starts_at).date()

    @admin.display(description=_("decided by"))
    def decided_by_person(self, claim):
        return person_or_dash(claim.decided_by)

    @admin.display(description=_("receipt"))
    def receipt_link(self, claim):
        if not claim.receipt:
            return "-"
        url = reverse("admin:forums_expenseclaim_receipt", args=[claim.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the receipt"))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name="forums_expenseclaim_export"),
            path(
                "export/download/<str:token>/",
                wrap(self.export_download_view),
                name="forums_expenseclaim_export_download",
            ),
            path("<int:pk>/decide/", wrap(self.decide_view), name="forums_expenseclaim_decide"),
            path("<int:pk>/receipt/", wrap(self.receipt_view), name="forums_expenseclaim_receipt"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_decide": request.user.has_perm("forums.change_expenseclaim"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk):
        """Approve a claim, or do not approve it with a reason the member sees."""
        if not request.user.has_perm("forums.change_expenseclaim"):
            raise PermissionDenied
        claim = get_object_or_404(self.get_queryset(request), pk=pk)
        form = ClaimDecideForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            try:
                claim_decide(
                    claim=claim,
                    approve=approve,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ClaimError as refused:
                messages.error(request, str(refused))
            else:
                said = {
                    "reference": claim.membership.application.reference,
                    "amount": f"£{claim.amount}",
                }
                approved = _("The claim of %(reference)s for %(amount)s is approved.") % said
                rejected = (
                    _(
                        "The claim of %(reference)s for %(amount)s is not approved: they "
                        "will see your reason."
                    )
                    % said
                )
                waiting = ExpenseClaim.objects.filter(status=ExpenseClaim.Status.SUBMITTED)
                after = waiting.order_by("submitted_at", "pk").first()
                link = (
                    (
                        reverse("admin:forums_expenseclaim_decide", args=[after.pk]),
                        _("Decide the next claim"),
                    )
                    if after
                    else (
                        reverse("admin:forums_expenseclaim_changelist"),
                        _("Every claim is decided: back to the claims"),
                    )
                )
                done(request, approved if approve else rejected, link)
            return redirect("admin:forums_expenseclaim_change", claim.pk)
        return admin_page(
            self,
            request,
            "admin/forums/expenseclaim/decide.html",
            form=form,
            original=claim,
            claim=claim,
            title=_("Decide this claim"),
        )

    def receipt_view(self, request, pk):
        """The receipt, as a download that the browser never renders; the download is
        in the audit trail."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        claim = get_object_or_404(ExpenseClaim, pk=pk)
        if not claim.receipt:
            raise Http404
        try:
            handle = claim.receipt.storage.open(claim.receipt.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        suffix = pathlib.Path(claim.receipt.name).suffix.lower()
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"receipt-claim-{claim.pk}{suffix}",
            content_type=RECEIPT_CONTENT_TYPES.get(suffix, "application/octet-stream"),
        )
        response["X-Content-Type-Options"] = "nosniff"
        audit_record(actor=request.user, action=Action.VIEW, obj=claim, detail="receipt")
        return response

    def export_view(self, request):
        """A month's approved claims for finance, as an encrypted spreadsheet whose
        password is shown once (as the applications export)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ClaimExportForm(request.POST if request.method == "POST" else None)
        context = {"form": form, "title": _("Export approved claims for finance")}
        if request.method == "POST" and form.is_valid():
            month = form.cleaned_data["month"]
            plain, count = claims_export(month=month)
            token, password = secure_export.prepare(
                plain, f"approved-claims-{month:%Y-%m}.xlsx", user=request.user
            )
            audit_record(
                actor=request.user,
                action=Action.EXPORT,
                object_type="forums.expenseclaim",
                detail="{} approved claims, {:%Y-%m}",
                values=[count, month],
            )
            context.update(
                token=token,
                password=password,
                count=count,
                month=month,
                title=_("Download the spreadsheet"),
            )
            return admin_page(
                self, request, "admin/forums/expenseclaim/export_ready.html", **context
            )
        return admin_page(self, request, "admin/forums/expenseclaim/export.html", **context)

    def export_download_view(self, request, token):
        return secure_export.download_response(token, user=request.user)

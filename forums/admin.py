import pathlib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from applications.models import Application
from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf import admin as vvf_admin
from vvf import forms as vvf_forms
from vvf import secure_export
from vvf.admin import MadeByTheServiceMixin, ReadOnlyMixin, admin_page, done, person_or_dash

from . import imports, representation
from .admin_filters import ClaimToDo, MeetingToDo, Tenure
from .claim_forms import ClaimDecideForm, ClaimExportForm
from .models import MEMBERS_AT_MOST, ExpenseClaim, Forum, Meeting, Membership, Organisation
from .permissions import sync_forum_access
from .services.claims import RECEIPT_CONTENT_TYPES, ClaimError, claim_decide, claims_export
from .services.meetings import DEFAULT_VENUE, MeetingError, attendance_record, meetings_schedule
from .services.memberships import MembershipError, membership_create, membership_leave


@admin.register(Organisation)
class OrganisationAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["members"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for forum in form.instance.forums.all():
            sync_forum_access(forum)


@admin.register(Forum)
class ForumAdmin(vvf_admin.ModelAdmin):
    list_display = ["name", "run_by", "is_recruiting", "launch_date", "tenure_ends_on"]
    list_filter = ["run_by", "is_recruiting"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["facilitators", "mps_representatives", "mopac_representatives"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_forum_access(form.instance)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # "The pilot forum is not open for applications" is said on the pilot only.
        if obj is None or obj.slug != imports.PILOT_SLUG:
            kwargs["help_texts"] = {**kwargs.get("help_texts", {}), "is_recruiting": ""}
        return super().get_form(request, obj, change, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        forum = self.get_object(request, object_id)
        if forum is not None and forum.over_capacity:
            messages.warning(
                request,
                _("This forum has more than %(most)s members.") % {"most": MEMBERS_AT_MOST},
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/representation/",
                wrap(self.representation_view),
                name="forums_forum_representation",
            ),
            *super().get_urls(),
        ]

    def representation_view(self, request, pk):
        if not request.user.has_perm("forums.view_forum"):
            raise PermissionDenied
        forum = get_object_or_404(Forum, pk=pk)
        made_up = representation.forum_composition(forum, timezone.localdate())
        audit_record(actor=request.user, action=Action.VIEW, obj=forum, detail="representation")
        return admin_page(
            self,
            request,
            "admin/forums/representation.html",
            original=forum,
            total=made_up["total"],
            too_few=made_up["too_few"],
            topics=made_up["topics"],
            fewest_shown=representation.FEWEST_SHOWN,
            title=_("%(forum)s: representation compared with London") % {"forum": forum.name},
        )


class LeaveForm(forms.Form):
    left_on = vvf_forms.PlainDateField(label=_("Left on"), initial=timezone.localdate)


class MakeMemberForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.none(), label=_("Forum"))
    started_on = vvf_forms.PlainDateField(label=_("Member from"), initial=timezone.localdate)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = application.forums.all()


class ImportForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.all(), label=_("Forum"))
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        error_messages={
            "required": _("Select the spreadsheet to import"),
            "empty": _("The selected file is empty"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].initial = Forum.objects.filter(slug=imports.PILOT_SLUG).first()


# The import's form: a spreadsheet, plus the form's own fields (and, on confirmation, the
# signed rows). A request larger than this is refused before it is read.
IMPORT_REQUEST_MAX_BYTES = imports.MAX_BYTES + 256 * 1024


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, MadeByTheServiceMixin, vvf_admin.ModelAdmin):
    list_display = ["application", "forum", "started_on", "ended_on", "left_on"]
    list_filter = [Tenure, "forum"]
    search_fields = ["=application__reference"]
    list_select_related = ["application", "forum"]
    fields = ["application", "forum", "started_on", "ended_on", "left_on"]
    readonly_fields = fields

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/leave/", wrap(self.leave_view), name="forums_membership_leave"),
            path(
                "make/<int:application_pk>/",
                wrap(self.make_view),
                name="forums_membership_make",
            ),
            # Exempt from the CSRF middleware only so that import_view can choose the
            # upload handlers first; it checks the CSRF token itself.
            path("import/", wrap(csrf_exempt(self.import_view)), name="forums_membership_import"),
            path(
                "import/template.xlsx",
                wrap(self.import_template_view),
                name="forums_membership_import_template",
            ),
            *super().get_urls(),
        ]

    def make_view(self, request, application_pk):
        """An accepted applicant who chose several forums: staff choose which one."""
        if not request.user.has_perm("forums.add_membership"):
            raise PermissionDenied
        application = get_object_or_404(
            Application,
            pk=application_pk,
            status=Application.Status.ACCEPTED,
            membership__isnull=True,
        )
        form = MakeMemberForm(
            request.POST if request.method == "POST" else None, application=application
        )
        if request.method == "POST" and form.is_valid():
            try:
                membership, crowded = membership_create(
                    application=application, **form.cleaned_data
                )
            except MembershipError as refused:
                messages.error(request, str(refused))
            else:
                audit_record(
                    actor=request.user,
                    action=Action.CREATE,
                    obj=membership,
                    detail="member of a forum",
                )
                done(
                    request,
                    _("%(reference)s is now a member of %(forum)s, from %(day)s.")
                    % {
                        "reference": application,
                        "forum": membership.forum,
                        "day": date_format(membership.started_on),
                    },
                    (
                        reverse("admin:forums_meeting_changelist")
                        + f"?forum__id__exact={membership.forum_id}",
                        _("See the forum's meetings"),
                    ),
                )
                if crowded:
                    messages.warning(
                        request,
                        _("This forum now has more than %(most)s members.")
                        % {"most": MEMBERS_AT_MOST},
                    )
                return redirect("admin:forums_membership_change", membership.pk)
        return admin_page(
            self,
            request,
            "admin/forums/make_member.html",
            form=form,
            application=application,
            title=_("Choose the forum %(reference)s joins") % {"reference": application},
        )

    def leave_view(self, request, pk):
        if not request.user.has_perm("forums.change_membership"):
            raise PermissionDenied
        membership = get_object_or_404(Membership, pk=pk)
        form = LeaveForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                membership_leave(membership=membership, left_on=form.cleaned_data["left_on"])
            except MembershipError as refused:
                messages.error(request, str(refused))
            else:
                audit_record(
                    actor=request.user, action=Action.CHANGE, obj=membership, detail="left"
                )
                done(
                    request,
                    _(
                        "%(reference)s left %(forum)s on %(day)s: their tenure has ended, and "
                        "their personal data is deleted 6 months later."
                    )
                    % {
                        "reference": membership.application.reference,
                        "forum": membership.forum,
                        "day": date_format(form.cleaned_data["left_on"]),
                    },
                    (
                        reverse("admin:forums_membership_changelist")
                        + f"?forum__id__exact={membership.forum_id}",
                        _("See the forum's members"),
                    ),
                )
                return redirect("admin:forums_membership_change", membership.pk)
        return admin_page(
            self,
            request,
            "admin/forums/leave.html",
            form=form,
            original=membership,
            title=_("Record that this member has left"),
        )

    def import_template_view(self, request):
        if not request.user.has_perm("forums.add_membership"):
            raise PermissionDenied
        response = HttpResponse(
            imports.template_workbook(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="members-import-template.xlsx"'
        return response

    def import_view(self, request):
        """Importing existing members from a spreadsheet: upload and dry run, then
        confirm. The spreadsheet holds personal data and is not kept."""
        if not request.user.has_perm("forums.add_membership"):
            raise PermissionDenied
        # With only the memory handler, Django keeps the upload in memory and never
        # writes it to a temporary file on disk (which it does for uploads over 2.5 MB
        # with the default handlers). The handlers must be chosen before request.POST
        # or request.FILES is read, hence the CSRF check in _import_view rather than in
        # the middleware. Larger requests are refused unread, and the memory handler
        # takes everything up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which is more.
        request.upload_handlers = [MemoryFileUploadHandler(request)]
        if int(request.META.get("CONTENT_LENGTH") or 0) > IMPORT_REQUEST_MAX_BYTES:
            messages.error(request, imports.TOO_LARGE)
            return redirect("admin:forums_membership_import")
        return csrf_protect(self._import_view)(request)

    def _import_view(self, request):
        if request.method == "POST" and "signed_rows" in request.POST:
            return self._import_confirm(request)
        form = ImportForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        context = {"form": form, "title": _("Import members from a spreadsheet")}
        if request.method == "POST" and form.is_valid():
            forum = form.cleaned_data["forum"]
            try:
                problems, rows = imports.rows_check(form.cleaned_data["file"], forum)
            except imports.ImportRefused as refused:
                form.add_error("file", str(refused))
            else:
                context.update(forum=forum, problems=problems, rows=rows)
                if not problems:
                    signed = imports.rows_sign(forum=forum, rows=rows, user=request.user)
                    context["signed_rows"] = signed
        return admin_page(self, request, "admin/forums/import.html", **context)

    def _import_confirm(self, request):
        try:
            forum, problems, rows = imports.rows_from_signed(
                request.POST["signed_rows"], user=request.user
            )
            if not problems:
                imports.members_import(forum=forum, rows=rows, by=request.user)
        except imports.ImportRefused as refused:
            messages.error(request, str(refused))
            return redirect("admin:forums_membership_import")
        if problems:
            # Something changed since the dry run: someone imported some of them already.
            return admin_page(
                self,
                request,
                "admin/forums/import.html",
                form=ImportForm(initial={"forum": forum}),
                forum=forum,
                problems=problems,
                rows=rows,
                title=_("Import members from a spreadsheet"),
            )
        messages.success(
            request,
            ngettext(
                "%(count)s member imported into %(forum)s.",
                "%(count)s members imported into %(forum)s.",
                len(rows),
            )
            % {"count": len(rows), "forum": forum},
        )
        if forum.over_capacity:
            messages.warning(
                request,
                _("This forum has more than %(most)s members.") % {"most": MEMBERS_AT_MOST},
            )
        changelist = reverse("admin:forums_membership_changelist")
        return redirect(f"{changelist}?forum__id__exact={forum.pk}")


class ScheduleForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.all(), label=_("Forum"))
    first_day = vvf_forms.PlainDateField(label=_("First meeting on"))
    start_time = vvf_forms.TimeField(label=_("Starts at"), initial="18:00")
    count = vvf_forms.IntegerField(
        label=_("How many meetings"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("More than one makes a series, every six weeks."),
    )
    mode = forms.ChoiceField(label=_("How"), choices=Meeting.Mode.choices)
    venue = forms.CharField(label=_("Venue"), max_length=300, initial=DEFAULT_VENUE)
    joining_link = forms.URLField(
        label=_("Joining link (online)"), required=False, assume_scheme="https"
    )


@admin.register(Meeting)
class MeetingAdmin(vvf_admin.ModelAdmin):
    list_display = ["forum", "starts_at", "mode", "cancelled"]
    list_filter = [MeetingToDo, "forum", "mode", "cancelled"]
    date_hierarchy = "starts_at"
    # Read only: a change or cancellation must reach the invited members as a calendar
    # update, so it is made on the meeting's page, through the services.
    fields = [
        "forum",
        "starts_at",
        "ends_at",
        "mode",
        "venue",
        "joining_link",
        "cancelled",
        "agenda_published_at",
        "sequence",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # meetings are scheduled with the form below, one or a series

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "can_take_register": meeting is not None}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("schedule/", wrap(self.schedule_view), name="forums_meeting_schedule"),
            path(
                "<int:pk>/attendance/",
                wrap(self.attendance_view),
                name="forums_meeting_attendance",
            ),
            *super().get_urls(),
        ]

    def schedule_view(self, request):
        if not request.user.has_perm("forums.add_meeting"):
            raise PermissionDenied
        form = ScheduleForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            meetings = meetings_schedule(**form.cleaned_data)
            first = meetings[0]
            done(
                request,
                ngettext(
                    "%(n)s meeting of %(forum)s scheduled, on %(first)s.",
                    "%(n)s meetings of %(forum)s scheduled, every six weeks from %(first)s.",
                    len(meetings),
                )
                % {
                    "n": len(meetings),
                    "forum": first.forum,
                    "first": date_format(timezone.localtime(first.starts_at), "DATETIME_FORMAT"),
                },
                (
                    reverse("forums:meeting", args=[first.forum.slug, first.pk]),
                    _("Run the first meeting: invitations and agenda"),
                ),
            )
            return redirect("admin:forums_meeting_changelist")
        return admin_page(
            self, request, "admin/forums/schedule.html", form=form, title=_("Schedule meetings")
        )

    def attendance_view(self, request, pk):
        if not request.user.has_perm("forums.change_meeting"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=pk)
        members = list(
            meeting.forum.current_members(meeting.starts_at.date()).select_related("application")
        )
        if request.method == "POST":
            try:
                attended = {int(value) for value in request.POST.getlist("attended")}
                attendance_record(meeting=meeting, attended_ids=attended)
            except (ValueError, MeetingError) as refused:
                messages.error(request, str(refused) or _("Choose from the members listed."))
            else:
                audit_record(
                    actor=request.user, action=Action.CHANGE, obj=meeting, detail="attendance"
                )
                done(
                    request,
                    ngettext(
                        "Attendance recorded: %(n)s of %(all)s member attended.",
                        "Attendance recorded: %(n)s of %(all)s members attended.",
                        len(members),
                    )
                    % {"n": len(attended), "all": len(members)},
                    (
                        reverse("admin:forums_expenseclaim_changelist")
                        + f"?meeting__forum__id__exact={meeting.forum_id}&status__exact=SUBMITTED",
                        _("See the claims to decide for this forum"),
                    ),
                )
                return redirect("admin:forums_meeting_change", meeting.pk)
        taken = set(
            meeting.attendance.filter(attended=True).values_list("membership_id", flat=True)
        )
        return admin_page(
            self,
            request,
            "admin/forums/attendance.html",
            original=meeting,
            members=members,
            taken=taken,
            title=_("Take attendance"),
        )


# Expense claims ----------------------------------------------------------------------------
# This section's own imports sit with it, so the section can be read (and moved) whole.


@admin.register(ExpenseClaim)
class ExpenseClaimAdmin(AuditedAdminMixin, ReadOnlyMixin, vvf_admin.ModelAdmin):
    """Members claim from their own pages; VVF staff decide each claim here (through
    forums.services.claims.claim_decide), download receipts, and export each month's approved claims
    for finance. Claims are never added, edited or deleted by hand."""

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

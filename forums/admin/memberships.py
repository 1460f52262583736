"""The admin's members: making a member of an accepted applicant, leaving early, and
importing the pilot forum's spreadsheet."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from applications.models import Application
from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from programme.models import PILOT_SLUG, Forum
from vvf import admin as vvf_admin
from vvf import forms as vvf_forms
from vvf.admin import MadeByTheServiceMixin, ReadOnlyMixin, admin_page, done
from vvf.dates import duration_in_words

from .. import import_workbook, imports
from ..admin_filters import Tenure, TermsOfReference
from ..models import MEMBERS_AT_MOST, Membership, RecordingConsent, over_capacity
from ..services.memberships import MembershipError, membership_create, membership_leave


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
        self.fields["forum"].initial = Forum.objects.filter(slug=PILOT_SLUG).first()


# The import's form: a spreadsheet, plus the form's own fields (and, on confirmation, the
# signed rows). A request larger than this is refused before it is read.
IMPORT_REQUEST_MAX_BYTES = import_workbook.MAX_BYTES + 256 * 1024


class RecordingConsentInline(ReadOnlyMixin, vvf_admin.TabularInline):
    model = RecordingConsent
    verbose_name_plural = _("Answers about recording meetings")
    extra = 0
    can_delete = False
    fields = ["meeting", "given", "recorded_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting__forum")


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, MadeByTheServiceMixin, vvf_admin.ModelAdmin):
    list_display = ["application", "forum", "started_on", "ended_on", "left_on"]
    list_filter = [Tenure, TermsOfReference, "forum"]
    search_fields = ["=application__reference"]
    list_select_related = ["application", "forum"]
    fields = ["application", "forum", "started_on", "ended_on", "left_on"]
    readonly_fields = fields
    inlines = [RecordingConsentInline]

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
                        "their personal data is deleted %(period)s later."
                    )
                    % {
                        "reference": membership.application.reference,
                        "forum": membership.forum,
                        "day": date_format(form.cleaned_data["left_on"]),
                        "period": duration_in_words(settings.RETENTION["MEMBER_MONTHS"], "months"),
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
            import_workbook.template_workbook(),
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
            messages.error(request, import_workbook.TOO_LARGE)
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
                problems, rows = import_workbook.rows_check(form.cleaned_data["file"], forum)
            except import_workbook.ImportRefused as refused:
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
        except import_workbook.ImportRefused as refused:
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
        if over_capacity(forum):
            messages.warning(
                request,
                _("This forum has more than %(most)s members.") % {"most": MEMBERS_AT_MOST},
            )
        changelist = reverse("admin:forums_membership_changelist")
        return redirect(f"{changelist}?forum__id__exact={forum.pk}")

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.admin import AuditedAdminMixin
from audit.services import Action, audit_record
from vvf.admin import MadeByTheServiceMixin, admin_page

from . import services
from .models import MEMBERS_AT_MOST, Forum, Meeting, Membership, Organisation
from .permissions import sync_forum_access


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    filter_horizontal = ["members"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for forum in form.instance.forums.all():
            sync_forum_access(forum)


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "run_by", "is_recruiting", "launch_date", "tenure_ends_on"]
    list_filter = ["run_by", "is_recruiting"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["facilitators", "mps_representatives", "mopac_representatives"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_forum_access(form.instance)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        forum = self.get_object(request, object_id)
        if forum is not None and forum.over_capacity:
            messages.warning(
                request,
                _("This forum has more than %(most)s members.") % {"most": MEMBERS_AT_MOST},
            )
        return super().change_view(request, object_id, form_url, extra_context)


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), initial=timezone.localdate)


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, MadeByTheServiceMixin, admin.ModelAdmin):
    list_display = ["application", "forum", "started_on", "ended_on", "left_on"]
    list_filter = ["forum"]
    search_fields = ["=application__reference"]
    list_select_related = ["application", "forum"]
    fields = ["application", "forum", "started_on", "ended_on", "left_on"]
    readonly_fields = fields

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/leave/", wrap(self.leave_view), name="forums_membership_leave"),
            *super().get_urls(),
        ]

    def leave_view(self, request, pk):
        if not request.user.has_perm("forums.change_membership"):
            raise PermissionDenied
        membership = get_object_or_404(Membership, pk=pk)
        form = LeaveForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.membership_leave(
                    membership=membership, left_on=form.cleaned_data["left_on"]
                )
            except services.MembershipError as refused:
                messages.error(request, str(refused))
            else:
                audit_record(actor=request.user, action=Action.CHANGE, obj=membership,
                             detail="left")  # fmt: skip
                return redirect("admin:forums_membership_change", membership.pk)
        return admin_page(
            self,
            request,
            "admin/forums/leave.html",
            form=form,
            original=membership,
            title=_("Record that this member has left"),
        )


class ScheduleForm(forms.Form):
    forum = forms.ModelChoiceField(queryset=Forum.objects.all(), label=_("Forum"))
    first_day = forms.DateField(label=_("First meeting on"), help_text=_("For example, 2027-01-14"))
    start_time = forms.TimeField(label=_("Starts at"), initial="18:00")
    count = forms.IntegerField(
        label=_("How many meetings"), min_value=1, max_value=20, initial=1,
        help_text=_("More than one makes a series, every six weeks."),
    )  # fmt: skip
    mode = forms.ChoiceField(label=_("How"), choices=Meeting.Mode.choices)
    venue = forms.CharField(label=_("Venue"), max_length=300, initial=services.DEFAULT_VENUE)
    joining_link = forms.URLField(
        label=_("Joining link (online)"), required=False, assume_scheme="https"
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["forum", "starts_at", "mode", "cancelled"]
    list_filter = ["forum", "mode", "cancelled"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

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
            meetings = services.meetings_schedule(**form.cleaned_data)
            messages.success(request, _("%(n)s meetings scheduled.") % {"n": len(meetings)})
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
                services.attendance_record(meeting=meeting, attended_ids=attended)
            except (ValueError, services.MembershipError) as refused:
                messages.error(request, str(refused) or _("Choose from the members listed."))
            else:
                audit_record(actor=request.user, action=Action.CHANGE, obj=meeting,
                             detail="attendance")  # fmt: skip
                messages.success(request, _("Attendance recorded."))
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

"""The admin's meetings: scheduling one or a series, and the register."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.services import Action, audit_record
from programme.models import Forum
from vvf import admin as vvf_admin
from vvf import forms as vvf_forms
from vvf.admin import admin_page, done

from ..admin_filters import MeetingToDo
from ..models import Meeting, current_members
from ..services.meetings import DEFAULT_VENUE, MeetingError, attendance_record, meetings_schedule


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
            current_members(meeting.forum, meeting.starts_at.date()).select_related("application")
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

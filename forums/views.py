"""Pages for the people who run a forum: its facilitators and the external partner."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import role_required
from audit.services import Action, audit_record

from .forms import AgendaItemForm, DecideForm, MeetingChangeForm, NoteForm, RecordingForm
from .models import AgendaItem, Meeting, current_members
from .permissions import (
    FORUM_PEOPLE,
    forums_for_user,
    get_forum_for_user,
    manages_meetings,
    sees_applications,
    sees_support_requests,
    support_waiting_for,
)
from .selectors import forum_applications
from .services import agendas, meetings, notes, support


@role_required(*FORUM_PEOPLE)
@require_GET
def my_forums(request):
    return render(
        request,
        "forums/my_forums.html",
        {
            "forums": forums_for_user(request.user).select_related("run_by"),
            "support_waiting": support_waiting_for(request.user).select_related("forum"),
        },
    )


@role_required(*FORUM_PEOPLE)
@require_GET
def forum_detail(request, slug):
    forum = get_forum_for_user(request.user, slug)
    today = timezone.localdate()
    members = current_members(forum, today).select_related("application")
    applications = None
    if sees_applications(request.user, forum):
        applications = forum_applications(forum)
    audit_record(actor=request.user, action=Action.VIEW, obj=forum, detail="members")
    return render(
        request,
        "forums/forum.html",
        {
            "forum": forum,
            "members": members,
            "meetings": forum.meetings.filter(starts_at__date__gte=today)[:10],
            "past_meetings": forum.meetings.filter(starts_at__date__lt=today).order_by(
                "-starts_at"
            )[:6],
            "applications": applications,
        },
    )


# Meetings, for the people who run the forum -----------------------------------------------


def _meeting_for_user(user, slug, pk, manage=False):
    """The meeting, or 404. `manage`: only for those who change and send meetings."""
    forum = get_forum_for_user(user, slug)
    if manage and not manages_meetings(user, forum):
        raise Http404
    return get_object_or_404(Meeting.objects.select_related("forum"), pk=pk, forum=forum)


def _meeting_page(request, meeting, status=200, **forms):
    day = timezone.localtime(meeting.starts_at).date()
    members = list(current_members(meeting.forum, day).select_related("application"))
    invitations = {
        i.membership_id: i for i in meeting.invitations.select_related("membership__application")
    }
    register = list(meeting.attendance.values_list("membership_id", "attended"))
    present = {membership_id for membership_id, attended in register if attended}
    consents = notes.recording_consents(meeting)
    for membership in members:
        membership.invitation = invitations.get(membership.pk)
        membership.present = membership.pk in present
        membership.recording_answer = consents.get(membership.pk)
    note = getattr(meeting, "note", None)
    items = list(meeting.agenda_items.select_related("merged_into"))
    forms.setdefault("item_form", AgendaItemForm(prefix="item"))
    forms.setdefault(
        "note_form", NoteForm(prefix="note", initial={"text": note.text if note else ""})
    )
    forms.setdefault("recording_form", RecordingForm(prefix="recording"))
    decide_forms = forms.pop("decide_forms", {})
    agenda = [i for i in items if i.status == AgendaItem.Status.ACCEPTED]
    for item in items:
        item.decide_form = decide_forms.get(item.pk) or DecideForm(
            prefix=f"decide-{item.pk}", meeting=meeting, agenda=agenda
        )
    failed = next(
        (f for f in [*forms.values(), *decide_forms.values()] if f.is_bound and f.errors), None
    )
    support_requests = []
    if sees_support_requests(request.user, meeting.forum):
        support_requests = meeting.support_requests.waiting().select_related(
            "membership__application"
        )
    audit_record(actor=request.user, action=Action.VIEW, obj=meeting, detail="meeting page")
    return render(
        request,
        "forums/meeting.html",
        {
            "forum": meeting.forum,
            "meeting": meeting,
            "is_open": not meeting.cancelled and meeting.starts_at > timezone.now(),
            "has_started": meeting.starts_at <= timezone.now(),
            "manages": manages_meetings(request.user, meeting.forum),
            "members": members,
            "attendance_taken": bool(register),
            "proposed": [i for i in items if i.status == AgendaItem.Status.PROPOSED],
            "agenda": agenda,
            "decided": [
                i
                for i in items
                if i.status in (AgendaItem.Status.MERGED, AgendaItem.Status.DECLINED)
            ],
            "note": note,
            "recording_allowed": notes.recording_allowed(
                meeting, present=present, answers=consents
            ),
            "support_requests": support_requests,
            "form": failed,
            **forms,
        },
        status=status,
    )


@role_required(*FORUM_PEOPLE)
@require_GET
def meeting_detail(request, slug, pk):
    return _meeting_page(request, _meeting_for_user(request.user, slug, pk))


# What the services a meeting page calls refuse with, shown on the page.
REFUSED = (meetings.MeetingError, agendas.AgendaError, notes.NoteError, support.SupportError)


def _act(request, meeting, act, done, audited, **forms):
    """Runs a service; a refusal is shown on the meeting page, nothing typed is lost.
    `audited` is the audit trail's detail for it."""
    try:
        act()
    except REFUSED as refused:
        messages.error(request, str(refused))
        return _meeting_page(request, meeting, status=400, **forms)
    audit_record(actor=request.user, action=Action.CHANGE, obj=meeting, detail=audited)
    messages.success(request, done)
    return redirect("forums:meeting", meeting.forum.slug, meeting.pk)


@role_required(*FORUM_PEOPLE)
@require_POST
def meeting_invite(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk, manage=True)
    return _act(
        request,
        meeting,
        lambda: meetings.invitations_send(meeting=meeting),
        _("Invitations are being sent."),
        "invitations sent",
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def agenda_add(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    form = AgendaItemForm(request.POST, prefix="item")
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, item_form=form)
    return _act(
        request,
        meeting,
        lambda: agendas.agenda_item_add(meeting=meeting, **form.cleaned_data),
        _("Item added to the agenda."),
        "agenda item added",
        item_form=form,
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def agenda_decide(request, slug, pk, item_pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = DecideForm(request.POST, prefix=f"decide-{item.pk}", meeting=meeting)
    forms = {"decide_forms": {item.pk: form}}
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, **forms)
    return _act(
        request,
        meeting,
        lambda: agendas.agenda_item_decide(item=item, by=request.user, **form.cleaned_data),
        _("Decision saved."),
        "agenda item decided",
        **forms,
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def agenda_publish(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    return _act(
        request,
        meeting,
        lambda: agendas.agenda_publish(meeting=meeting),
        _("The agenda is published: members can see it."),
        "agenda published",
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def support_close(request, slug, pk, request_pk):
    """Whoever got in touch closes the request; nothing of what was said is written."""
    meeting = _meeting_for_user(request.user, slug, pk)
    if not sees_support_requests(request.user, meeting.forum):
        raise Http404
    asked = get_object_or_404(meeting.support_requests, pk=request_pk)
    return _act(
        request,
        meeting,
        lambda: support.support_request_close(request=asked, by=request.user),
        _("Thank you: the request is marked as done."),
        "support request closed",
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def meeting_attendance(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    try:
        attended = {int(value) for value in request.POST.getlist("attended")}
    except ValueError:
        attended = None

    def act():
        if attended is None:
            raise meetings.MeetingError(_("Choose from the members listed."))
        meetings.attendance_record(meeting=meeting, attended_ids=attended)

    return _act(request, meeting, act, _("Attendance recorded."), "attendance")


@role_required(*FORUM_PEOPLE)
@require_POST
def note_save(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    form = NoteForm(request.POST, prefix="note")
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, note_form=form)
    return _act(
        request,
        meeting,
        lambda: notes.note_save(meeting=meeting, text=form.cleaned_data["text"]),
        _("Note saved as a draft."),
        "note saved",
        note_form=form,
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def recording_upload(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    form = RecordingForm(request.POST, request.FILES, prefix="recording")
    if not form.is_valid():
        return _meeting_page(request, meeting, status=400, recording_form=form)
    upload = form.cleaned_data["recording"]
    return _act(
        request,
        meeting,
        lambda: notes.recording_attach(meeting=meeting, upload=upload),
        _("Recording attached."),
        "recording attached",
        recording_form=form,
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def note_finalise(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk)
    return _act(
        request,
        meeting,
        lambda: notes.note_finalise(meeting=meeting, by=request.user),
        _("The note is final. Any recording is being deleted."),
        "note finalised",
    )


@role_required(*FORUM_PEOPLE)
@require_http_methods(["GET", "POST"])
def meeting_change(request, slug, pk):
    meeting = _meeting_for_user(request.user, slug, pk, manage=True)
    form = MeetingChangeForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["cancel"]:
                meetings.meeting_cancel(meeting=meeting)
                done = _("The meeting is cancelled. Invited members are being told.")
                audited = "meeting cancelled"
            else:
                meetings.meeting_change(meeting=meeting, **form.changes())
                done = _("The meeting is changed. Invited members are being sent the update.")
                audited = "meeting changed"
        except meetings.MeetingError as refused:
            form.add_error(None, str(refused))
        else:
            audit_record(actor=request.user, action=Action.CHANGE, obj=meeting, detail=audited)
            messages.success(request, done)
            return redirect("forums:meeting", meeting.forum.slug, meeting.pk)
    return render(
        request,
        "forums/meeting_change.html",
        {"forum": meeting.forum, "meeting": meeting, "form": form},
    )

"""Members' own pages. Members have no password: an emailed link signs them in for a
few hours, in this browser only. Everything here is scoped to the member's own forum;
anything else answers 404."""

import functools

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from applications.models import ConsentDocument
from applications.services import consent_current_agreed, consent_record, current_documents
from vvf.abuse import protect

from .forms import (
    AnswerForm,
    ProposeForm,
    RecordingConsentForm,
    SignInForm,
    SupportForm,
    TermsForm,
)
from .models import AgendaItem, Invitation, Meeting, Membership
from .services import agendas, meetings, member_links, notes, support

SESSION_KEY = "member"
SESSION_SECONDS = 4 * 60 * 60
TERMS = ConsentDocument.Kind.TERMS_OF_REFERENCE


def member_signed_in(view):
    """Sets request.membership, or sends the visitor to ask for a sign-in link."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        membership = (
            Membership.objects.current()
            .filter(pk=request.session.get(SESSION_KEY))
            .select_related("application", "forum")
            .first()
        )
        if membership is None:
            request.session.pop(SESSION_KEY, None)
            return redirect("members:sign-in-request")
        request.membership = membership
        return view(request, *args, **kwargs)

    return wrapped


def member_required(view):
    """A member's page: signed in, and agreed to the current Terms of Reference (a member
    who has not, since a new version was published, is asked to first)."""

    @member_signed_in
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not consent_current_agreed(request.membership.application, TERMS):
            return redirect("members:terms")
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
@member_signed_in
def terms(request):
    """The current Terms of Reference; a member who has not agreed to this version is
    asked to, and their answer goes in the consent register."""
    membership = request.membership
    document = current_documents()[TERMS]
    agreed = consent_current_agreed(membership.application, TERMS)
    form = TermsForm(
        request.POST if request.method == "POST" and not agreed else None,
        initial={"version": document.version},
    )
    if form.is_bound and form.is_valid():
        if form.cleaned_data["version"] != document.version:
            form = TermsForm({**request.POST.dict(), "version": document.version})
            form.is_valid()
            form.add_error(
                None,
                "The Terms of Reference changed while you were reading them. "
                "Please read this version.",
            )
        else:
            consent_record(application=membership.application, kind=TERMS, given=True)
            messages.success(request, "Thank you: you have agreed to the Terms of Reference.")
            return redirect("members:home")
    return render(
        request,
        "members/terms.html",
        {"membership": membership, "document": document, "agreed": agreed, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@protect("member-sign-in")
def sign_in_request(request):
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        member_links.member_link_send(email=form.cleaned_data["email"])
        return redirect("members:link-sent")
    return render(request, "members/sign_in_request.html", {"form": form})


@require_http_methods(["GET"])
def link_sent(request):
    return render(request, "members/link_sent.html")


@require_http_methods(["GET", "POST"])
def sign_in(request, token):
    """Opening the link shows a button; only pressing it uses the link, so a mail
    scanner that opens links in advance does not spend it."""
    if request.method == "GET":
        if not member_links.member_link_valid(token):
            return render(request, "members/link_expired.html", status=404)
        return render(request, "members/sign_in.html")
    membership = member_links.member_link_use(token)
    if membership is None:
        return render(request, "members/link_expired.html", status=404)
    # A fresh session: nothing from whoever used this browser before carries over.
    request.session.flush()
    request.session[SESSION_KEY] = membership.pk
    request.session.set_expiry(SESSION_SECONDS)
    return redirect("members:home")


@require_POST
def sign_out(request):
    request.session.flush()
    return redirect("members:signed-out")


@require_http_methods(["GET"])
def signed_out(request):
    return render(request, "members/signed_out.html")


def _upcoming(membership):
    return (
        Meeting.objects.filter(forum=membership.forum, ends_at__gte=timezone.now())
        .order_by("starts_at")
        .prefetch_related("agenda_items")
    )


@require_http_methods(["GET"])
@member_required
def home(request):
    membership = request.membership
    upcoming = list(_upcoming(membership)[:6])
    invitations = {i.meeting_id: i for i in membership.invitations.filter(meeting__in=upcoming)}
    for meeting in upcoming:
        meeting.my_invitation = invitations.get(meeting.pk)
    return render(
        request,
        "members/home.html",
        {"membership": membership, "meetings": upcoming},
    )


def _meeting_for_member(membership, pk):
    return get_object_or_404(Meeting, pk=pk, forum=membership.forum)


def _meeting_page(request, meeting, status=200, **forms):
    membership = request.membership
    invitation = membership.invitations.filter(meeting=meeting).first()
    consents = notes.recording_consents(meeting)
    is_open = not meeting.cancelled and meeting.starts_at > timezone.now()
    if invitation and "answer_form" not in forms:
        initial = {"access_needs": invitation.access_needs}
        if invitation.response != Invitation.Response.NO_ANSWER:
            initial["response"] = invitation.response
        forms["answer_form"] = AnswerForm(prefix="answer", initial=initial)
    recording_answer = consents.get(membership.pk)
    if "consent_form" not in forms:
        initial = {}
        if recording_answer is not None:  # the saved answer shows selected
            initial["given"] = "yes" if recording_answer else "no"
        forms["consent_form"] = RecordingConsentForm(prefix="consent", initial=initial)
    forms.setdefault("propose_form", ProposeForm(prefix="propose"))
    support_offered = support.support_offered(meeting, membership)
    if support_offered:
        initial = {"contact_by": membership.application.contact_method}
        forms.setdefault("support_form", SupportForm(prefix="support", initial=initial))
    failed = next((f for f in forms.values() if f.is_bound and f.errors), None)
    agenda = []
    if meeting.agenda_published_at:
        agenda = meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED)
    return render(
        request,
        "members/meeting.html",
        {
            "membership": membership,
            "meeting": meeting,
            "is_open": is_open,
            "invitation": invitation,
            "agenda": agenda,
            "proposals": meeting.agenda_items.filter(proposed_by=membership).select_related(
                "merged_into"
            ),
            "recording_answer": recording_answer,
            "recording_wording": notes.recording_document(),
            "support_offered": support_offered,
            "support_asked": membership.support_requests.filter(meeting=meeting).waiting().first(),
            "form": failed,
            **forms,
        },
        status=status,
    )


@require_http_methods(["GET"])
@member_required
def meeting(request, pk):
    return _meeting_page(request, _meeting_for_member(request.membership, pk))


def _post(request, pk, form_class, prefix, act, done):
    meeting = _meeting_for_member(request.membership, pk)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            act(meeting, form.cleaned_data)
        except (
            meetings.MeetingError,
            agendas.AgendaError,
            notes.NoteError,
            support.SupportError,
        ) as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, done)
            return redirect("members:meeting", meeting.pk)
    return _meeting_page(request, meeting, status=400, **{f"{prefix}_form": form})


@require_POST
@member_required
def meeting_answer(request, pk):
    invitation = request.membership.invitations.filter(meeting_id=pk).first()
    if invitation is None:
        raise Http404

    def act(meeting, data):
        meetings.invitation_answer(
            invitation=invitation, response=data["response"], access_needs=data["access_needs"]
        )

    return _post(request, pk, AnswerForm, "answer", act, "Thank you: your answer is saved.")


@require_POST
@member_required
def meeting_recording_consent(request, pk):
    def act(meeting, data):
        notes.recording_consent_record(
            meeting=meeting, membership=request.membership, given=data["given"] == "yes"
        )

    return _post(
        request, pk, RecordingConsentForm, "consent", act, "Thank you: your answer is saved."
    )


@require_POST
@member_required
def meeting_propose(request, pk):
    def act(meeting, data):
        agendas.agenda_item_propose(
            meeting=meeting,
            membership=request.membership,
            title=data["title"],
            detail=data["detail"],
        )

    return _post(
        request,
        pk,
        ProposeForm,
        "propose",
        act,
        "Thank you: your suggestion has been sent to the people running your forum.",
    )


@require_POST
@member_required
def meeting_support(request, pk):
    """A member who came asks for someone to contact them; the page that follows shows
    where help is at once."""
    meeting = _meeting_for_member(request.membership, pk)
    form = SupportForm(request.POST, prefix="support")
    if form.is_valid():
        try:
            support.support_request_make(
                meeting=meeting,
                membership=request.membership,
                contact_by=form.cleaned_data["contact_by"],
                words=form.cleaned_data["words"],
            )
        except support.SupportError as refused:
            form.add_error(None, str(refused))
        else:
            return render(
                request,
                "members/support_asked.html",
                {"membership": request.membership, "meeting": meeting},
            )
    return _meeting_page(request, meeting, status=400, support_form=form)

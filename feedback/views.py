"""Recording feedback and following recommendations: for VVF staff, facilitators (their
own forums) and police leads (all, anonymised). Everything else answers 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import POLICE_LEAD, VVF_STAFF, role_required, roles_of
from audit.services import Action, audit_record
from forums.models import Meeting

from . import services
from .forms import FeedbackForm, MoveForm, RecommendationForm
from .models import Status, Theme
from .permissions import (
    FEEDBACK_PEOPLE,
    get_recommendation_for,
    get_recording_forum,
    moves_for,
    recommendations_for,
    recording_forums,
)


@role_required(*FEEDBACK_PEOPLE)
@require_GET
def index(request):
    roles = roles_of(request.user)
    return render(
        request,
        "feedback/index.html",
        {
            "forums": recording_forums(request.user),
            "reads_reports": bool({VVF_STAFF, POLICE_LEAD} & set(roles)),
            "outstanding": recommendations_for(request.user)
            .filter(status__in=[Status.RAISED, Status.SENT, Status.UNDER_REVIEW])
            .count(),
        },
    )


def _anonymity_errors(form, refused):
    for field, problems in refused.problems.items():
        for problem in problems:
            form.add_error(
                field,
                _("%(problem)s: nobody in the forum may be identifiable") % {"problem": problem},
            )


@role_required(*FEEDBACK_PEOPLE)
@require_http_methods(["GET", "POST"])
def record(request, slug):
    forum = get_recording_forum(request.user, slug)
    form = FeedbackForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.feedback_record(
                forum=forum,
                meeting=Meeting.objects.get(pk=form.cleaned_data["meeting"]),
                theme=form.cleaned_data["theme"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
        except services.NotAnonymous as refused:
            _anonymity_errors(form, refused)
        except services.FeedbackError as refused:
            form.add_error(None, str(refused))
        else:
            audit_record(actor=request.user, action=Action.CREATE, obj=item)
            messages.success(request, _("Feedback recorded. You can record another."))
            return redirect("feedback:record", forum.slug)
    return render(
        request,
        "feedback/record.html",
        {"forum": forum, "form": form, "themes": Theme.objects.all()},
        status=400 if form.errors else 200,
    )


@role_required(*FEEDBACK_PEOPLE)
@require_http_methods(["GET", "POST"])
def recommendation_raise(request, slug):
    forum = get_recording_forum(request.user, slug)
    form = RecommendationForm(request.POST or None, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.recommendation_raise(
                forum=forum,
                meeting=Meeting.objects.get(pk=data["meeting"]),
                title=data["title"],
                detail=data["detail"],
                owner=data["owner"],
                by=request.user,
            )
        except services.NotAnonymous as refused:
            _anonymity_errors(form, refused)
        except services.FeedbackError as refused:
            form.add_error(None, str(refused))
        else:
            audit_record(actor=request.user, action=Action.CREATE, obj=recommendation)
            messages.success(request, _("Recommendation raised."))
            return redirect("feedback:recommendation", recommendation.pk)
    return render(
        request,
        "feedback/raise.html",
        {"forum": forum, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(*FEEDBACK_PEOPLE)
@require_GET
def recommendations(request):
    rows = recommendations_for(request.user).select_related("forum", "meeting", "owner")
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "feedback/recommendations.html",
        {"recommendations": rows, "statuses": Status.choices, "status": status},
    )


def _recommendation_page(request, recommendation, form=None, status=200):
    moves = moves_for(request.user, recommendation)
    if form is None and moves:
        form = MoveForm(moves=moves, forum=recommendation.forum)
    return render(
        request,
        "feedback/recommendation.html",
        {
            "recommendation": recommendation,
            "events": recommendation.events.select_related("by"),
            "form": form,
        },
        status=status,
    )


@role_required(*FEEDBACK_PEOPLE)
@require_GET
def recommendation(request, pk):
    return _recommendation_page(request, get_recommendation_for(request.user, pk))


@role_required(*FEEDBACK_PEOPLE)
@require_POST
def recommendation_move(request, pk):
    recommendation = get_recommendation_for(request.user, pk)
    moves = moves_for(request.user, recommendation)
    form = MoveForm(request.POST, moves=moves, forum=recommendation.forum)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_move(
                recommendation=recommendation,
                to_status=data["to_status"],
                by=request.user,
                words=data["words"],
                fed_back_at=Meeting.objects.filter(pk=data.get("fed_back_at") or None).first(),
            )
        except services.NotAnonymous as refused:
            _anonymity_errors(form, refused)
        except services.FeedbackError as refused:
            form.add_error(None, str(refused))
        else:
            audit_record(
                actor=request.user,
                action=Action.DECISION,
                obj=recommendation,
                detail="status {}",
                values=[Status(data["to_status"])],
            )
            messages.success(request, _("Saved. The timeline shows the change."))
            return redirect("feedback:recommendation", recommendation.pk)
    return _recommendation_page(request, recommendation, form=form, status=400)

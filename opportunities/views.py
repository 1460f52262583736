"""Opportunities for the people who run forums, at /opportunities/: VVF staff, the
partner and facilitators write a draft for the forums they work with, publish and close
it, and see who of their forums' members is interested. Sharing with the Met is VVF
staff's, in the admin."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import role_required
from audit.services import Action, audit_record
from forums.permissions import FORUM_PEOPLE, forums_for_user

from . import services
from .forms import OpportunityForm
from .models import Opportunity
from .permissions import (
    interests_seen_by,
    manages_opportunity,
    opportunities_for_user,
    with_interest_counts,
)


@role_required(*FORUM_PEOPLE)
@require_GET
def opportunities(request):
    listed = with_interest_counts(request.user, opportunities_for_user(request.user))
    return render(
        request, "opportunities/list.html", {"opportunities": listed.order_by("-created_at")}
    )


@role_required(*FORUM_PEOPLE)
@require_http_methods(["GET", "POST"])
def opportunity_new(request):
    forums = forums_for_user(request.user)
    form = OpportunityForm(request.POST if request.method == "POST" else None, forums=forums)
    if form.is_valid():
        data = dict(form.cleaned_data)
        opportunity = services.opportunity_create(
            forums=data.pop("forums"), by=request.user, **data
        )
        messages.success(request, _("Saved as a draft. Members see it once you publish it."))
        return redirect("forum-opportunities:detail", opportunity.pk)
    return render(
        request,
        "opportunities/new.html",
        {"form": form, "no_forums": not forums.exists()},
        status=400 if form.errors else 200,
    )


def _opportunity_for(user, pk):
    return get_object_or_404(opportunities_for_user(user), pk=pk)


@role_required(*FORUM_PEOPLE)
@require_GET
def opportunity(request, pk):
    opportunity = _opportunity_for(request.user, pk)
    interests = list(interests_seen_by(request.user, opportunity))
    audit_record(actor=request.user, action=Action.VIEW, obj=opportunity, detail="members")
    manages = manages_opportunity(request.user, opportunity)
    return render(
        request,
        "opportunities/detail.html",
        {
            "opportunity": opportunity,
            "interests": interests,
            "can_publish": manages and opportunity.can_move_to(Opportunity.Status.PUBLISHED),
            "can_close": manages and opportunity.can_move_to(Opportunity.Status.CLOSED),
        },
    )


@role_required(*FORUM_PEOPLE)
@require_POST
def opportunity_move(request, pk, to):
    opportunity = _opportunity_for(request.user, pk)
    if not manages_opportunity(request.user, opportunity):
        raise Http404
    try:
        services.opportunity_transition(opportunity=opportunity, to_status=to, by=request.user)
    except services.OpportunityError as refused:
        messages.error(request, str(refused))
    else:
        audit_record(
            actor=request.user,
            action=Action.CHANGE,
            obj=opportunity,
            detail="status {}",
            values=[Opportunity.Status(to)],
        )
        messages.success(
            request,
            _("Published: members of its forums can see it, and are emailed.")
            if to == Opportunity.Status.PUBLISHED
            else _("Closed: members no longer see it."),
        )
    return redirect("forum-opportunities:detail", opportunity.pk)

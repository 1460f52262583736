"""Members' opportunities pages, at /member/opportunities/: the open opportunities for
their forum, their interest, their consent to sharing with the Met, and whether they are
emailed. Anything outside the member's forum, or closed, answers 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from applications.services import consent_answer, consent_given
from forums.member_views import member_required
from forums.services.memberships import membership_opportunity_emails_set

from . import services
from .forms import EmailsForm, InterestForm, MetSharingForm
from .permissions import opportunities_for_member


def _list_page(request, status=200, **forms):
    membership = request.membership
    listed = list(opportunities_for_member(membership).order_by("closes_on", "pk"))
    mine = set(
        membership.opportunity_interests.filter(opportunity__in=listed).values_list(
            "opportunity_id", flat=True
        )
    )
    for each in listed:
        each.interested = each.pk in mine
    answer = consent_answer(membership.application, services.MET_SHARING)
    initial = {"version": services.met_sharing_document().version}
    if answer is not None:
        initial["given"] = "yes" if answer else "no"
    forms.setdefault("met_form", MetSharingForm(prefix="met", initial=initial))
    forms.setdefault(
        "emails_form",
        EmailsForm(
            prefix="emails", initial={"wanted": "yes" if membership.opportunity_emails else "no"}
        ),
    )
    failed = next((f for f in forms.values() if f.is_bound and f.errors), None)
    return render(
        request,
        "members/opportunities.html",
        {
            "membership": membership,
            "opportunities": listed,
            "met_sharing": answer is True,
            "met_wording": services.met_sharing_document(),
            "form": failed,
            **forms,
        },
        status=status,
    )


@require_http_methods(["GET"])
@member_required
def opportunities(request):
    return _list_page(request)


@require_POST
@member_required
def met_sharing(request):
    form = MetSharingForm(request.POST, prefix="met")
    shown = services.met_sharing_document().version
    if form.is_valid() and form.cleaned_data["version"] != shown:
        form = MetSharingForm({**request.POST.dict(), "met-version": shown}, prefix="met")
        form.is_valid()
        form.add_error(None, "The wording changed while you were reading it. Please read it again.")
    if not form.is_valid():
        return _list_page(request, status=400, met_form=form)
    services.met_sharing_record(
        membership=request.membership, given=form.cleaned_data["given"] == "yes"
    )
    messages.success(request, "Thank you: your answer is saved.")
    return redirect("opportunities:list")


@require_POST
@member_required
def emails(request):
    form = EmailsForm(request.POST, prefix="emails")
    if not form.is_valid():
        return _list_page(request, status=400, emails_form=form)
    membership_opportunity_emails_set(
        membership=request.membership, wanted=form.cleaned_data["wanted"] == "yes"
    )
    messages.success(request, "Thank you: your choice is saved.")
    return redirect("opportunities:list")


def _opportunity_for_member(membership, pk):
    return get_object_or_404(opportunities_for_member(membership), pk=pk)


def _detail_page(request, opportunity, status=200, form=None):
    membership = request.membership
    interest = membership.opportunity_interests.filter(opportunity=opportunity).first()
    if form is None:
        form = InterestForm(
            prefix="interest", initial={"needs": interest.needs if interest else ""}
        )
    return render(
        request,
        "members/opportunity.html",
        {
            "membership": membership,
            "opportunity": opportunity,
            "interest": interest,
            "met_sharing": consent_given(membership.application, services.MET_SHARING),
            "interest_form": form,
            "form": form if form.is_bound and form.errors else None,
        },
        status=status,
    )


@require_http_methods(["GET"])
@member_required
def opportunity(request, pk):
    return _detail_page(request, _opportunity_for_member(request.membership, pk))


@require_POST
@member_required
def interest(request, pk):
    opportunity = _opportunity_for_member(request.membership, pk)
    form = InterestForm(request.POST, prefix="interest")
    if form.is_valid():
        try:
            services.interest_register(
                opportunity=opportunity,
                membership=request.membership,
                needs=form.cleaned_data["needs"],
            )
        except services.OpportunityError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                "Thank you: the people running this opportunity will be in touch with you.",
            )
            return redirect("opportunities:detail", opportunity.pk)
    return _detail_page(request, opportunity, status=400, form=form)


@require_POST
@member_required
def withdraw(request, pk):
    """Withdrawing works after the opportunity has closed too: what they said goes."""
    interest = get_object_or_404(request.membership.opportunity_interests, opportunity_id=pk)
    services.interest_withdraw(opportunity=interest.opportunity, membership=request.membership)
    messages.success(request, "You are no longer down as interested in this opportunity.")
    if opportunities_for_member(request.membership).filter(pk=pk).exists():
        return redirect("opportunities:detail", pk)
    return redirect("opportunities:list")

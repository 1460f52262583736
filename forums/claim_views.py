"""Members' claims for expenses and the incentive: the list of their own claims, and a
new claim for a meeting they attended. Only the signed-in member's claims are shown."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .claim_forms import ClaimForm
from .member_views import member_required
from .services.claims import (
    INCENTIVE_AMOUNT,
    ClaimError,
    claim_submit,
    claim_window_in_words,
    claimable_meetings,
)


@require_http_methods(["GET"])
@member_required
def claims(request):
    membership = request.membership
    return render(
        request,
        "members/claims.html",
        {
            "membership": membership,
            "claims": membership.claims.select_related("meeting").order_by("-submitted_at", "-pk"),
            "can_claim": claimable_meetings(membership).exists(),
            "incentive": INCENTIVE_AMOUNT,
            "claim_period": claim_window_in_words(),
        },
    )


@require_http_methods(["GET", "POST"])
@member_required
def claim_new(request):
    membership = request.membership
    posted = request.method == "POST"
    form = ClaimForm(
        request.POST if posted else None, request.FILES if posted else None, membership=membership
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            claim_submit(
                membership=membership,
                meeting=data["meeting"],
                kind=data["kind"],
                amount=data["amount"],
                description=data["description"],
                receipt=data["receipt"],
            )
        except ClaimError as refused:
            form.add_error(None, str(refused))
            if data["receipt"]:
                form.add_error("receipt", form.SELECT_AGAIN)
        else:
            messages.success(
                request,
                _("Your claim has been sent. You can follow its progress on this page."),
            )
            return redirect("members:claims")
    return render(
        request,
        "members/claim_new.html",
        {
            "membership": membership,
            "form": form,
            "has_meetings": form.fields["meeting"].queryset.exists(),
            "incentive": INCENTIVE_AMOUNT,
            "claim_period": claim_window_in_words(),
        },
        status=400 if form.is_bound else 200,
    )

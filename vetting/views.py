"""The suitability panel's pages at /panel/. Each member sees only the cases they sit on."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import PANEL_MEMBER, role_required

from . import services
from .forms import SeatDecisionForm
from .models import PanelSeat
from .permissions import cases_for_user, get_case_for_user


@role_required(PANEL_MEMBER)
@require_http_methods(["GET"])
def my_cases(request):
    cases = cases_for_user(request.user).select_related("check_record__application")
    cases = cases.order_by("-opened_at")
    return render(request, "vetting/my_cases.html", {"cases": cases})


@role_required(PANEL_MEMBER)
@require_http_methods(["GET", "POST"])
def case_detail(request, pk):
    case = get_case_for_user(request.user, pk)
    seats = list(PanelSeat.objects.filter(case=case).select_related("member"))
    mine = next((seat for seat in seats if seat.member_id == request.user.pk), None)
    if mine is None:
        raise Http404
    form = SeatDecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"decision": mine.decision, "rationale": mine.rationale},
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.seat_decide(
                case=case,
                member=request.user,
                decision=form.cleaned_data["decision"],
                rationale=form.cleaned_data["rationale"],
            )
        except services.VettingError as refused:
            messages.error(request, str(refused))
        else:
            if outcome:
                # The decision is made: the case and its data are gone.
                messages.success(
                    request,
                    _(
                        "Your decision has been recorded. The panel agreed, so the case is "
                        "closed and deleted, with its PNC information."
                    ),
                )
                return redirect("vetting:my-cases")
            messages.success(request, _("Your decision has been recorded."))
        return redirect("vetting:case", pk=case.pk)

    disclosures = list(case.check_record.disclosures.all())
    if disclosures:
        services.disclosure_viewed(case=case, viewer=request.user)
    return render(
        request,
        "vetting/case.html",
        {
            "case": case,
            "application": case.application,
            "forums": case.application.forums.all(),
            "disclosures": disclosures,
            "seats": seats,
            "mine": mine,
            # The others' decisions are shown once you have recorded your own.
            "show_others": bool(mine.decision),
            "disagree": len({s.decision for s in seats if s.decision}) > 1,
            "form": form,
        },
    )

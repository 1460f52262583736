"""The PNC checks' and suitability cases' "To do" filters: each choice a rule of
vetting.models, the one the programme home counts with."""

from django.utils.translation import gettext_lazy as _

from vvf.admin_filters import RuleFilter

from .models import PanelSeat


class PncCheckToDo(RuleFilter):
    rules = {
        "waiting": (_("Waiting for the result"), lambda qs: qs.waiting_for_result()),
        "overdue": (_("Overdue (past six weeks)"), lambda qs: qs.overdue()),
    }


class WaitingForSeat(RuleFilter):
    parameter_name = "seat"
    title = _("waiting for the seat")
    rules = {
        seat.value: (seat.label, lambda qs, seat=seat: qs.waiting_for_seat(seat))
        for seat in PanelSeat.Seat
    }

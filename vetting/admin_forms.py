from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import PANEL_MEMBER
from vvf import forms as vvf_forms

from .models import PanelSeat


class RequestCheckForm(forms.Form):
    requested_on = vvf_forms.PlainDateField(label=_("Requested on"), initial=timezone.localdate)


class DisclosureItemForm(forms.Form):
    offence = forms.CharField(label=_("Offence"), max_length=500)
    offence_date = forms.CharField(label=_("Date"), max_length=50)
    disposal = forms.CharField(label=_("Disposal"), max_length=500)
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


DisclosureFormSet = forms.formset_factory(DisclosureItemForm, extra=3, max_num=10)


class ResultForm(forms.Form):
    NO_RECORD, DISCLOSURE = "NO_RECORD", "DISCLOSURE"
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[(NO_RECORD, _("No record")), (DISCLOSURE, _("Disclosure"))],
        widget=forms.RadioSelect,
    )
    received_on = vvf_forms.PlainDateField(
        label=_("Result received on"), initial=timezone.localdate
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = get_user_model().objects.filter(groups__name=PANEL_MEMBER, is_active=True)
        members = members.order_by("full_name", "email")
        for seat in PanelSeat.Seat:
            field = forms.ModelChoiceField(
                label=_("Panel seat: %(seat)s") % {"seat": seat.label},
                queryset=members,
                required=False,
                help_text=_(
                    "Needed when the check discloses something. They are emailed "
                    "that a case waits for them, by its reference only."
                ),
            )
            field.label_from_instance = lambda user: user.name_and_email()
            self.fields[f"seat_{seat.lower()}"] = field

    def seats(self):
        return {
            seat: self.cleaned_data[f"seat_{seat.lower()}"]
            for seat in PanelSeat.Seat
            if self.cleaned_data.get(f"seat_{seat.lower()}")
        }

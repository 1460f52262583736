"""Forms for expense and incentive claims: the member's claim, and staff's decision and
monthly export. The forms read what was typed and call the claim rules' checks
(forums.services.claims), which claim_submit and claim_decide apply again."""

import datetime
import re

from django import forms
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from vvf import dates
from vvf.crispy_govuk import Field, FormHelper, Submit
from vvf.forms import LongTextField, ascii_digits

from .models import ExpenseClaim, Meeting
from .services import claims

AMOUNT_FORMAT = re.compile(r"^[0-9]{1,5}(\.[0-9]{1,2})?$")
AMOUNT_DIGITS = _("Enter the amount using the digits 0 to 9, like 12.50")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        starts = timezone.localtime(meeting.starts_at)
        return dateformat.format(starts, "l j F Y")


class ClaimForm(forms.Form):
    helper = FormHelper(
        "meeting",
        "kind",
        Field("amount", prefix="£"),
        "description",
        "receipt",
        Submit(_("Send the claim")),
    )
    meeting = MeetingChoiceField(
        label=_("Which meeting is this claim for?"),
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Select the meeting this claim is for"),
            "invalid_choice": _("Select the meeting this claim is for"),
        },
    )
    kind = forms.ChoiceField(
        label=_("What are you claiming for?"),
        choices=ExpenseClaim.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what you are claiming for"),
            "invalid_choice": _("Select what you are claiming for"),
        },
    )
    amount = forms.CharField(
        label=_("Amount, in pounds"),
        help_text=_("Not needed for the incentive. For example, 12.50"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-5"}
        ),
    )
    description = LongTextField(
        label=_("What was the cost for?"),
        help_text=_(
            "For example, “return bus journey” or “childminder for 3 hours”. Needed for other "
            "costs. Please do not include anyone’s name."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Describe the cost in 300 characters or fewer")},
    )
    receipt = forms.FileField(
        label=_("Upload a receipt"),
        help_text=_(
            "Needed for childcare or care, other costs, and travel over £10. For travel, a "
            "screenshot of your Oyster or contactless journey history is fine. A PDF, JPG or "
            "PNG, smaller than 5 MB."
        ),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={
            "empty": _("The selected file is empty"),
            "invalid": _("The receipt must be a PDF, JPG or PNG"),
            "missing": _("Select a receipt"),
        },
    )

    # A file cannot be kept while the page is shown again with errors.
    SELECT_AGAIN = _("Select the receipt again: files are not kept when there is a problem")

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = claims.claimable_meetings(membership)
        incentive = f"£{claims.INCENTIVE_AMOUNT:.2f}".replace(".00", "")
        self.fields["kind"].item_hints = {
            ExpenseClaim.Kind.TRAVEL.value: _("Fares, or mileage, to and from the meeting."),
            ExpenseClaim.Kind.CHILDCARE.value: _(
                "Looking after a child, or someone you care for, while you were at the meeting."
            ),
            ExpenseClaim.Kind.OTHER.value: _("Anything else it cost you to take part."),
            ExpenseClaim.Kind.INCENTIVE.value: _(
                "%(amount)s to thank you for taking part. You do not need to enter an amount "
                "or upload a receipt."
            )
            % {"amount": incentive},
        }

    def clean_amount(self):
        typed = ascii_digits(self.cleaned_data["amount"], AMOUNT_DIGITS)
        typed = typed.strip().replace(",", "").replace(" ", "")
        typed = typed.removeprefix("£")
        if not typed:
            return None
        if not AMOUNT_FORMAT.match(typed):
            raise forms.ValidationError(claims.ENTER_AMOUNT)
        try:
            return claims.claim_amount_check(typed)
        except claims.ClaimError as refused:
            raise forms.ValidationError(str(refused)) from None

    def clean_receipt(self):
        upload = self.cleaned_data["receipt"]
        if not upload:
            return None
        try:
            claims.claim_receipt_check(upload)
        except claims.ClaimError as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ExpenseClaim.Kind.INCENTIVE:
            # The incentive's amount is fixed and needs no receipt: whatever was typed
            # or chosen there is left out, mistakes included.
            for name in ("amount", "receipt"):
                self.errors.pop(name, None)
                data[name] = None
        elif kind:
            amount = data.get("amount")
            if amount is None and "amount" not in self.errors:
                self.add_error("amount", claims.ENTER_AMOUNT)
            description = data.get("description", "")
            self._rule("description", claims.claim_description_check, kind, description)
            receipt = data.get("receipt")
            self._rule("receipt", claims.claim_receipt_needed_check, kind, amount, receipt)
        if self.errors and data.get("receipt") and "receipt" not in self.errors:
            self.add_error("receipt", self.SELECT_AGAIN)
        return data

    def _rule(self, name, check, *args):
        """Shows a claim rule's refusal at the field, unless the field has an error."""
        if name not in self.errors:
            try:
                check(*args)
            except claims.ClaimError as refused:
                self.add_error(name, str(refused))


class ClaimDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Do not approve"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a decision")},
    )
    reason = forms.CharField(
        label=_("Reason the member will see (if not approved)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        approve = data.get("decision") != "reject"
        try:
            claims.claim_reason_check(approve=approve, reason=data.get("reason", "").strip())
        except claims.ClaimError as refused:
            self.add_error("reason", str(refused))
        return data


def last_month(today=None):
    return dates.previous_month(today or timezone.localdate())


def recent_months(count=24, today=None):
    """The first day of this month and the `count - 1` before it, newest first."""
    month = dates.first_of_month(today or timezone.localdate())
    months = []
    for _n in range(count):
        months.append(month)
        month = dates.previous_month(month)
    return months


class ClaimExportForm(forms.Form):
    month = forms.ChoiceField(label=_("Claims approved in"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [
            (f"{month:%Y-%m}", dateformat.format(month, "F Y")) for month in recent_months()
        ]
        self.fields["month"].initial = f"{last_month():%Y-%m}"

    def clean_month(self):
        return datetime.date.fromisoformat(self.cleaned_data["month"] + "-01")

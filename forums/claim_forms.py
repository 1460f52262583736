"""Forms for expense and incentive claims: the member's claim, and staff's decision and
monthly export. The forms check what was typed; forums.services.claims.claim_submit and
claim_decide enforce the rules."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import Field, FormHelper, Submit
from vvf.forms import LongTextField, ascii_digits

from .models import ExpenseClaim, Meeting
from .services import claims

AMOUNT_FORMAT = re.compile(r"^[0-9]{1,5}(\.[0-9]{1,2})?$")
ENTER_AMOUNT = _("Enter the amount, like 12.50")
AMOUNT_DIGITS = _("Enter the amount using the digits 0 to 9, like 12.50")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        starts = timezone.localtime(meeting.starts_at)
        return dateformat.format(starts, "l j F Y")


# Why a receipt is needed (claims.receipt_needed), said where one is missing.
RECEIPT_NEEDED = {
    ExpenseClaim.Kind.TRAVEL: _("Select a receipt: we need one to pay back travel over £10"),
    ExpenseClaim.Kind.CHILDCARE: _("Select a receipt: we need one to pay back childcare or care"),
    ExpenseClaim.Kind.OTHER: _("Select a receipt: we need one to pay back other costs"),
}


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
            raise forms.ValidationError(ENTER_AMOUNT)
        amount = Decimal(typed)
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than £0"))
        if amount > claims.COST_CLAIM_MAX:
            raise forms.ValidationError(
                _("The amount must be £%(most)s or less") % {"most": f"{claims.COST_CLAIM_MAX:.0f}"}
            )
        return amount

    def clean_receipt(self):
        upload = self.cleaned_data["receipt"]
        if not upload:
            return None
        if claims.receipt_type(upload) is None:
            raise forms.ValidationError(_("The receipt must be a PDF, JPG or PNG"))
        if upload.size > claims.RECEIPT_MAX_BYTES:
            raise forms.ValidationError(_("The receipt must be smaller than 5 MB"))
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
                self.add_error("amount", ENTER_AMOUNT)
            if kind == ExpenseClaim.Kind.OTHER and not data.get("description"):
                if "description" not in self.errors:
                    self.add_error("description", _("Say what the cost was for"))
            if claims.receipt_needed(kind, amount) and not data.get("receipt"):
                if "receipt" not in self.errors:
                    self.add_error("receipt", RECEIPT_NEEDED[kind])
        if self.errors and data.get("receipt") and "receipt" not in self.errors:
            self.add_error("receipt", self.SELECT_AGAIN)
        return data


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
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason the member will see"))
        return data


def last_month(today=None):
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def recent_months(count=24, today=None):
    """The first day of this month and the `count - 1` before it, newest first."""
    month = (today or timezone.localdate()).replace(day=1)
    months = []
    for _n in range(count):
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
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

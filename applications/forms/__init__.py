"""One form per page of the application, one module per part of the form. The order
and rules of the pages are in journey.py; the forms only validate what is typed."""

from .about_you import (
    POSTCODE_DIGITS,
    AccessNeedsForm,
    AddressForm,
    ContactForm,
    MotivationForm,
    NameForm,
)
from .base import STEP_BUTTONS, YES_NO, StepForm, yes_no
from .consents import ConsentsForm
from .eligibility import (
    NONE_OF_THESE,
    ConfidentialityForm,
    DateOfBirthForm,
    LondonForm,
    PncWillingForm,
    VictimForm,
)
from .equality import EqualityForm
from .forum_choice import ForumModelChoiceField, ForumsForm
from .other_pages import ContactDetailsForm, QuestionForm, SaveForm, WithdrawForm

__all__ = [
    "YES_NO",
    "STEP_BUTTONS",
    "StepForm",
    "yes_no",
    "DateOfBirthForm",
    "NONE_OF_THESE",
    "LondonForm",
    "VictimForm",
    "PncWillingForm",
    "ConfidentialityForm",
    "ForumModelChoiceField",
    "ForumsForm",
    "NameForm",
    "POSTCODE_DIGITS",
    "ContactForm",
    "AddressForm",
    "AccessNeedsForm",
    "MotivationForm",
    "ConsentsForm",
    "EqualityForm",
    "ContactDetailsForm",
    "SaveForm",
    "WithdrawForm",
    "QuestionForm",
]

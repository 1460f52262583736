from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from vvf.crispy_govuk import FormHelper


class SignInForm(AuthenticationForm):
    # The sign-in wizard's pages draw its buttons (templates/two_factor/_wizard_actions.html).
    helper = FormHelper("username", "password")
    error_messages = {
        "invalid_login": _("Enter a correct email address and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off. Ask the VVF team for help."),
    }

    # django-two-factor-auth passes `request` only to forms whose __init__ names it.
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false", "autofocus": False}
        )
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["password"].error_messages["required"] = _("Enter your password")


CODE_FIELDS = {
    # step: (field, label, hint)
    "token": (
        "otp_token",
        _("Security code"),
        _("The 6-digit code your authenticator app shows for Victim Voice Forums."),
    ),
    "backup": (
        "otp_token",
        _("Backup code"),
        _("One of the backup codes you saved when you set up your account."),
    ),
    "generator": (
        "token",
        _("Security code"),
        _("The 6-digit code your app shows after you add the account."),
    ),
}


def word_code_field(form, step):
    """django-two-factor-auth picks these forms itself; we only change their words."""
    if step not in CODE_FIELDS or CODE_FIELDS[step][0] not in form.fields:
        return form
    name, label, hint = CODE_FIELDS[step]
    field = form.fields[name]
    field.label = label
    field.help_text = hint
    field.widget.attrs.update(
        {"autocomplete": "one-time-code", "class": "govuk-input--width-10", "autofocus": False}
    )
    field.error_messages.update(
        required=_("Enter the code"), invalid=_("Enter the code, like 123456")
    )
    # The library's form: every field it has, in its order.
    form.helper = FormHelper(*form.fields)
    return form

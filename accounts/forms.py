from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Enter a correct email address and password. Both are case-sensitive."),
        "inactive": _("This account has been switched off. Ask the VVF team for help."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false", "autofocus": False}
        )
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["password"].error_messages["required"] = _("Enter your password")
        self.helper = FormHelper()
        self.helper.add_input(Submit("sign-in", _("Sign in")))

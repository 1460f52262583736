from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from two_factor import views as two_factor_views

from .forms import SignInForm, word_code_field
from .roles import EXTERNAL_PARTNER, FACILITATOR, PANEL_MEMBER, POLICE_LEAD, VVF_STAFF, roles_of


class SignInView(two_factor_views.LoginView):
    """Password, then the code from the authenticator app (or a backup code)."""

    form_list = (
        ("auth", SignInForm),
        *two_factor_views.LoginView.form_list[1:],
    )
    redirect_authenticated_user = True

    def get_form(self, step=None, **kwargs):
        return word_code_field(super().get_form(step=step, **kwargs), step or self.steps.current)

    def post(self, *args, **kwargs):
        step = self.steps.current
        response = super().post(*args, **kwargs)
        code_refused = (
            step in (self.TOKEN_STEP, self.BACKUP_STEP)
            and "wizard_goto_step" not in self.request.POST
            and response.status_code == 200
            and self.steps.current == step
        )
        if code_refused and self.get_user():
            # A wrong code is a failed sign-in: audited, and counted towards the lockout.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.get_user().email},
                request=self.request,
            )
        return response


class SetUpView(two_factor_views.SetupView):
    """Adding the authenticator app, at the first sign-in."""

    def get_form(self, step=None, **kwargs):
        return word_code_field(super().get_form(step=step, **kwargs), step or self.steps.current)


@login_required
def home(request):
    roles = roles_of(request.user)
    return render(
        request,
        "accounts/home.html",
        {
            "roles": roles,
            "is_vvf_staff": VVF_STAFF in roles and request.user.is_staff,
            "is_panel_member": PANEL_MEMBER in roles,
            "works_with_forums": bool({VVF_STAFF, EXTERNAL_PARTNER, FACILITATOR} & set(roles)),
            "works_with_feedback": bool({VVF_STAFF, FACILITATOR, POLICE_LEAD} & set(roles)),
        },
    )

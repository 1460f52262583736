from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .forms import SignInForm
from .roles import VVF_STAFF, roles_of


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    roles = roles_of(request.user)
    return render(
        request,
        "accounts/home.html",
        {"roles": roles, "is_vvf_staff": VVF_STAFF in roles and request.user.is_staff},
    )

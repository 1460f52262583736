from django.contrib.auth import views as auth_views
from django.urls import include, path
from two_factor import views as two_factor_views

from . import views

# django-two-factor-auth's views, at our addresses, under its "two_factor" namespace
# (its views reverse their own names). No disable view: two factors are required.
two_factor_patterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("two-factor/set-up/", views.SetUpView.as_view(), name="setup"),
    path("two-factor/qr-code/", two_factor_views.QRGeneratorView.as_view(), name="qr"),
    path(
        "two-factor/set-up/done/",
        two_factor_views.SetupCompleteView.as_view(),
        name="setup_complete",
    ),
    path(
        "two-factor/backup-codes/",
        two_factor_views.BackupTokensView.as_view(),
        name="backup_tokens",
    ),
    path("two-factor/", two_factor_views.ProfileView.as_view(), name="profile"),
]

urlpatterns = [
    path("", include((two_factor_patterns, "two_factor"))),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="accounts-home"),
]

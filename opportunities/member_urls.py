from django.urls import path

from . import member_views as views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunities, name="list"),
    path("met-sharing/", views.met_sharing, name="met-sharing"),
    path("emails/", views.emails, name="emails"),
    path("<int:pk>/", views.opportunity, name="detail"),
    path("<int:pk>/interest/", views.interest, name="interest"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]

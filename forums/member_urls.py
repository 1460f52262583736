from django.urls import path

from . import claim_views
from . import member_views as views

app_name = "members"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.sign_in_request, name="sign-in-request"),
    path("sign-in/link-sent/", views.link_sent, name="link-sent"),
    path("sign-in/<str:token>/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("terms-of-reference/", views.terms, name="terms"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/answer/", views.meeting_answer, name="meeting-answer"),
    path(
        "meetings/<int:pk>/recording-consent/",
        views.meeting_recording_consent,
        name="meeting-recording-consent",
    ),
    path("meetings/<int:pk>/propose/", views.meeting_propose, name="meeting-propose"),
    path("meetings/<int:pk>/support/", views.meeting_support, name="meeting-support"),
    path("claims/", claim_views.claims, name="claims"),
    path("claims/new/", claim_views.claim_new, name="claim-new"),
]

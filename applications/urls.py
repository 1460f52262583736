from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("apply/", views.apply_start, name="start"),
    path("apply/check-your-answers/", views.check_answers, name="check"),
    path("apply/application-sent/", views.confirmation, name="confirmation"),
    path("apply/cannot-apply/<slug:reason>/", views.ineligible, name="ineligible"),
    path("apply/keep-alive/", views.keep_alive, name="keep-alive"),
    path("apply/save/", views.save_for_later, name="save"),
    path("apply/saved/", views.saved, name="saved"),
    path("apply/resume/<str:token>/", views.resume, name="resume"),
    path("apply/status/<str:token>/", views.status, name="status"),
    path("apply/status/<str:token>/contact-details/", views.status_contact, name="status-contact"),
    path("apply/status/<str:token>/withdraw/", views.status_withdraw, name="status-withdraw"),
    path("apply/<slug:slug>/", views.step, name="step"),
    path("ask-a-question/", views.question, name="question"),
    path("ask-a-question/sent/", views.question_sent, name="question-sent"),
]

from django.urls import path

from . import views

app_name = "vetting"

urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
]

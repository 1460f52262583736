from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.my_forums, name="my-forums"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
]

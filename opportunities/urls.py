from django.urls import path

from . import views

app_name = "forum-opportunities"

urlpatterns = [
    path("", views.opportunities, name="list"),
    path("new/", views.opportunity_new, name="new"),
    path("<int:pk>/", views.opportunity, name="detail"),
    path("<int:pk>/publish/", views.opportunity_move, {"to": "PUBLISHED"}, name="publish"),
    path("<int:pk>/close/", views.opportunity_move, {"to": "CLOSED"}, name="close"),
]

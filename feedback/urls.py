from django.urls import path

from . import report_views, views, you_said_views

app_name = "feedback"

urlpatterns = [
    path("", views.index, name="index"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", views.recommendation, name="recommendation"),
    path("recommendations/<int:pk>/move/", views.recommendation_move, name="recommendation-move"),
    path("reports/", report_views.reports, name="reports"),
    path("reports/generate/", report_views.report_generate, name="report-generate"),
    path("reports/<int:pk>/", report_views.report, name="report"),
    path("reports/<int:pk>/xlsx/", report_views.report_xlsx, name="report-xlsx"),
    path("reports/download/<str:token>/", report_views.report_download, name="report-download"),
    path("<slug:slug>/record/", views.record, name="record"),
    path("<slug:slug>/recommendations/new/", views.recommendation_raise, name="raise"),
    path("<slug:slug>/you-said-we-did/", you_said_views.forum_page, name="you-said"),
]

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("applications.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

from django.urls import path

from . import member_views as views

app_name = "your-information"

urlpatterns = [
    path("", views.your_information, name="index"),
    path("contact-details/", views.contact_details, name="contact-details"),
    path("correction/", views.correction, name="correction"),
    path("correction/sent/", views.correction_sent, name="correction-sent"),
    path("leave/", views.leave, name="leave"),
]

from django.urls import path

from . import views

app_name = "forums"

meeting = "<slug:slug>/meetings/<int:pk>/"

urlpatterns = [
    path("", views.my_forums, name="my-forums"),
    path("<slug:slug>/", views.forum_detail, name="forum"),
    path(meeting, views.meeting_detail, name="meeting"),
    path(meeting + "change/", views.meeting_change, name="meeting-change"),
    path(meeting + "invite/", views.meeting_invite, name="meeting-invite"),
    path(meeting + "attendance/", views.meeting_attendance, name="meeting-attendance"),
    path(meeting + "agenda/add/", views.agenda_add, name="agenda-add"),
    path(meeting + "agenda/<int:item_pk>/decide/", views.agenda_decide, name="agenda-decide"),
    path(meeting + "agenda/publish/", views.agenda_publish, name="agenda-publish"),
    path(meeting + "note/", views.note_save, name="note-save"),
    path(meeting + "note/recording/", views.recording_upload, name="recording-upload"),
    path(meeting + "note/finalise/", views.note_finalise, name="note-finalise"),
    path(meeting + "support/<int:request_pk>/close/", views.support_close, name="support-close"),
]

"""The organiser's event pages, under /medlem/arrangementer/ (all listed in the authorisation matrix)."""

from django.urls import path

from network.events.views import manage

app_name = "event_members"
urlpatterns = [
    path("org/<slug:slug>/", manage.organisation_events, name="list"),
    path("org/<slug:slug>/nyt/", manage.event_add, name="add"),
    path("<int:pk>/", manage.event_edit, name="edit"),
    path("<int:pk>/offentliggoer/", manage.event_publish, name="publish"),
    path("<int:pk>/aflys/", manage.event_cancel, name="cancel"),
    path("<int:pk>/deltagere/", manage.participants, name="participants"),
    path("<int:pk>/deltagere.<str:export_format>", manage.participants_export, name="participants_export"),
    path("<int:pk>/navneskilte/", manage.attendance_sheet, name="attendance"),
]

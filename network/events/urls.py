from django.urls import path

from network.events.views import public

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("kalender.ics", public.calendar_feed, name="feed"),
    path("tilmelding/<str:token>/", public.registration_manage, name="registration"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>.ics", public.event_ics, name="ics"),
]

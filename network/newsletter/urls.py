"""Public newsletter pages under /nyhedsbrev/ (English under /en/nyhedsbrev/)."""

from django.urls import path

from network.newsletter.views import public

app_name = "newsletter"
urlpatterns = [
    path("", public.subscribe, name="subscribe"),
    path("tjek-din-indbakke/", public.subscribe_sent, name="subscribe_sent"),
    path("bekraeft/<str:token>/", public.confirm, name="confirm"),
    path("mine/<str:token>/", public.manage, name="manage"),
    path("mine/<str:token>/soegning/<int:pk>/slet/", public.subscription_remove, name="subscription_remove"),
    path("mine/<str:token>/data/", public.data, name="data"),
    path("afmeld/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("arkiv/", public.archive, name="archive"),
    path("arkiv/<slug:slug>/", public.archive_issue, name="archive_issue"),
]

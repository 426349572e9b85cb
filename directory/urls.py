from django.urls import path

from directory.views import details, municipalities, search

app_name = "directory"
urlpatterns = [
    path("", search.search, name="search"),
    path("tilbud/<slug:slug>/", details.offer_detail, name="offer_detail"),
    path("steder/<slug:slug>/", details.environment_detail, name="environment_detail"),
    path("organisationer/<slug:slug>/", details.organisation_detail, name="organisation_detail"),
    path("kommuner/", municipalities.municipality_list, name="municipality_list"),
    path("kommuner/<slug:slug>/", details.municipality_detail, name="municipality_detail"),
    path("kommuner/<slug:slug>/indlejret/", municipalities.municipality_embed, name="municipality_embed"),
]

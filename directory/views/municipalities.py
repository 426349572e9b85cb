"""The municipality catalogues: /kommuner/ (all 98 with their counts) and the embeddable
catalogue of one municipality, an iframe page other sites may show (a municipality's own
"Åben Skole" page), filtered by the same search parameters as the front page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

from directory.search.forms import OfferSearchForm
from directory.search.offers import offer_search
from directory.selectors import pages
from directory.selectors.municipalities import municipalities_with_counts
from directory.views.details import map_settings

EMBED_LIMIT = 50
# Any site may frame the catalogue: it is public, read-only and holds no form that acts.
EMBED_FRAME_ANCESTORS = "frame-ancestors *"


def municipality_list(request: HttpRequest) -> HttpResponse:
    regions = municipalities_with_counts()
    context = {"regions": regions, "total": sum(len(region.municipalities) for region in regions)}
    return render(request, "directory/municipality_list.html", context)


@xframe_options_exempt  # the site sends X-Frame-Options: DENY everywhere else
def municipality_embed(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = pages.municipality_detail(slug=slug)
    if municipality is None:
        raise Http404
    query = request.GET.copy()
    query["municipality"] = str(municipality.code)
    form = OfferSearchForm(data=query)
    result = offer_search(params=form.cleaned_data) if form.is_valid() else None
    offers = list(result.offers[:EMBED_LIMIT]) if result is not None else []
    context = {
        "municipality": municipality,
        "form": form,
        "result": result,
        "offers": offers,
        "places": _places(offers),
        "map_settings": map_settings(),
    }
    response = render(request, "directory/municipality_embed.html", context, status=200 if result else 400)
    response["Content-Security-Policy"] = EMBED_FRAME_ANCESTORS
    return response


def _places(offers) -> list[dict]:
    """One marker per place of the listed offers (each place once)."""
    seen: dict[int, dict] = {}
    for offer in offers:
        for place in offer.environments.all():
            if place.has_coordinates and place.pk not in seen:
                seen[place.pk] = {
                    "name": place.name,
                    "lat": place.latitude,
                    "lng": place.longitude,
                    "url": place.get_absolute_url(),
                    "address": place.address_line,
                }
    return list(seen.values())

"""Detail pages: an offer, a learning environment, an organisation, a municipality.

Each view fetches through directory.selectors.pages and renders; a slug that is
unknown or not public (draft offer, archived place) is a 404.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from directory.selectors import pages
from directory.selectors.municipalities import offers_by_subject


def map_settings() -> dict:
    """Tile layer and default view for the map scripts, from LEAFLET_CONFIG."""
    config = settings.LEAFLET_CONFIG
    name, url, options = config["TILES"][0]
    return {
        "tiles": {
            "url": url,
            "attribution": options.get("attribution", ""),
            "maxZoom": options.get("maxZoom", 19),
        },
        "center": list(config["DEFAULT_CENTER"]),
        "zoom": config["DEFAULT_ZOOM"],
        "minZoom": config.get("MIN_ZOOM", 5),
        "maxZoom": config.get("MAX_ZOOM", 18),
        "labels": {"zoomIn": _("Zoom ind"), "zoomOut": _("Zoom ud")},
    }


def _places(environments) -> list[dict]:
    """Markers for a small map: name, position and page of each located place."""
    return [
        {
            "name": environment.name,
            "lat": environment.latitude,
            "lng": environment.longitude,
            "url": environment.get_absolute_url(),
            "address": environment.address_line,
        }
        for environment in environments
        if environment.has_coordinates
    ]


def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    offer = pages.offer_detail(slug=slug)
    if offer is None:
        raise Http404
    environments = list(offer.environments.all())
    context = {
        "offer": offer,
        "environments": environments,
        "grades": pages.offer_grades(offer=offer),
        "siblings": pages.offer_siblings(offer=offer),
        "alternatives": pages.offer_alternatives(offer=offer),
        "places": _places(environments),
        "map_settings": map_settings(),
    }
    return render(request, "directory/offer_detail.html", context)


def environment_detail(request: HttpRequest, slug: str) -> HttpResponse:
    environment = pages.environment_detail(slug=slug)
    if environment is None:
        raise Http404
    context = {
        "environment": environment,
        "offers": pages.environment_offers(environment=environment),
        "places": _places([environment]),
        "map_settings": map_settings(),
    }
    return render(request, "directory/environment_detail.html", context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = pages.organisation_detail(slug=slug)
    if organisation is None:
        raise Http404
    environments = pages.organisation_environments(organisation=organisation)
    context = {
        "organisation": organisation,
        "environments": environments,
        "offers": pages.organisation_offers(organisation=organisation),
        "places": _places(environments),
        "map_settings": map_settings(),
    }
    return render(request, "directory/organisation_detail.html", context)


def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = pages.municipality_detail(slug=slug)
    if municipality is None:
        raise Http404
    listing = pages.municipality_listing(municipality=municipality)
    embed_url = request.build_absolute_uri(reverse("directory:municipality_embed", args=[municipality.slug]))
    context = {
        "municipality": municipality,
        "listing": listing,
        "subjects": offers_by_subject([*listing.local_offers, *listing.outreach_offers]),
        "embed_snippet": format_html(
            '<iframe src="{}" title="{}" width="100%" height="720" style="border:0" loading="lazy"></iframe>',
            embed_url,
            _("Undervisning i %(name)s") % {"name": municipality.short_name},
        ),
        "places": _places(listing.environments),
        "map_settings": map_settings(),
    }
    return render(request, "directory/municipality_detail.html", context)

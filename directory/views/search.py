"""The front page: the search form, the result list and the map.

The form's field names are the API's parameter names, so a page URL and an API URL
differ only in their path; the same selector answers both. With JavaScript off this
is a plain GET form with a server-rendered, paginated list.
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from directory import suggestions
from directory.models import Offer, Subject
from directory.models.offers import MONTH_NAMES
from directory.reference import reference
from directory.search.filters import FILTERS
from directory.search.forms import DEFAULT_RADIUS_KM, OfferSearchForm, Ordering
from directory.search.offers import offer_search
from directory.views.details import map_settings

RADIUS_CHOICES_KM = [5, 10, 25, 50, 100, 200]
PAGE_SIZE = 20  # the API's page size too (directory/api/pagination.py), so ?page=N means the same
LIST_PARAMS = ("subject", "delivery")
# Filters behind "Flere filtre": the disclosure opens when one of them is set or wrong.
MORE_FILTERS = (*(entry.name for entry in FILTERS if entry.more), "ordering")


def search(request: HttpRequest) -> HttpResponse:
    form = OfferSearchForm(data=request.GET)
    result = offer_search(params=form.cleaned_data) if form.is_valid() else None
    pages = _pages(request.GET, form, result)
    offers = []
    if result is not None and result.count:
        start = (pages["number"] - 1) * PAGE_SIZE
        offers = result.offers[start : start + PAGE_SIZE]
    values = _raw_values(request.GET)
    more_filters_set = [name for name in MORE_FILTERS if values[name]]
    context = {
        "form": form,
        "more_filters_count": len(more_filters_set),
        "more_filters_open": bool(more_filters_set) or any(name in form.errors for name in MORE_FILTERS),
        "result": result,
        "offers": offers,
        "point": result.point if result is not None else None,
        "values": values,
        "pages": pages,
        "without_bbox": _query_without(request.GET, "bbox", "page"),
        "search_config": _search_config(request, form, offers, result),
        **_choices(request.GET),
        **_explained(request, form, result),
    }
    return render(request, "directory/search.html", context)


def _explained(request: HttpRequest, form: OfferSearchForm, result) -> dict:
    """What was understood, and ways forward when nothing matched (directory/suggestions.py)."""
    if result is None:
        return {}
    return {
        "understood": suggestions.understood_place(result.point),
        "result_radius": f"{form.cleaned_data['radius']:g}",
        "criteria": suggestions.search_criteria(form),
        "suggestions": None
        if result.count
        else suggestions.search_suggestions(query=request.GET, params=form.cleaned_data),
    }


def _raw_values(query: QueryDict) -> dict:
    """What the visitor sent, as text, to refill the form (also when it was invalid)."""
    values = {name: query.get(name, "").strip() for name in OfferSearchForm.base_fields}
    for name in LIST_PARAMS:
        values[name] = [
            part.strip() for value in query.getlist(name) for part in value.split(",") if part.strip()
        ]
    return values


def _choices(query: QueryDict) -> dict:
    subject_groups: dict[str, list[Subject]] = {}
    ref = reference()  # the reference tables in memory: no query per request
    for subject in ref.subjects.values():
        subject_groups.setdefault(subject.get_kind_display(), []).append(subject)
    radius = query.get("radius", "").strip()
    radius_km = [str(km) for km in RADIUS_CHOICES_KM]
    if _is_number(radius) and radius not in radius_km:
        radius_km.append(radius)  # a hand-edited but valid radius stays selectable
    selected_radius = radius if radius in radius_km else f"{DEFAULT_RADIUS_KM:g}"
    return {
        "subject_groups": list(subject_groups.items()),
        "grades": list(ref.grades.values()),
        "categories": list(ref.categories.values()),
        "languages": list(ref.languages.values()),
        "municipalities": list(ref.municipalities.values()),
        "formats": Offer.Format.choices,
        "months": [(str(number), name) for number, name in enumerate(MONTH_NAMES, start=1)],
        "orderings": [(value, label) for value, label in Ordering.CHOICES],
        "radius_choices": [(km, _("%(km)s km") % {"km": km}) for km in radius_km],
        "selected_radius": selected_radius,
    }


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _query_without(query: QueryDict, *names: str, **replace: str) -> str:
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    for name, value in replace.items():
        copy[name] = value
    return copy.urlencode()


def _pages(query: QueryDict, form: OfferSearchForm, result) -> dict:
    if result is None or not result.count:
        return {"has_other_pages": False, "number": 1}
    count = max(1, math.ceil(result.count / PAGE_SIZE))
    asked = form.cleaned_data.get("page") or 1
    number = min(asked, count)
    return {
        "beyond_last": asked > count,
        "first": (number - 1) * PAGE_SIZE + 1,
        "last": min(number * PAGE_SIZE, result.count),
        "has_other_pages": count > 1,
        "number": number,
        "count": count,
        "previous": _query_without(query, "page", page=str(number - 1)) if number > 1 else "",
        "next": _query_without(query, "page", page=str(number + 1)) if number < count else "",
    }


def _search_config(request: HttpRequest, form: OfferSearchForm, offers: list[Offer], result) -> dict:
    """Everything search.js needs, handed over with json_script (never inline JS)."""
    point = result.point if result is not None else None
    bbox = form.cleaned_data.get("bbox") if result is not None else None
    return {
        "pageSize": PAGE_SIZE,
        "bbox": bbox.as_list() if bbox else None,
        "subjects": {subject.slug: subject.display_name for subject in reference().subjects.values()},
        "formats": {value: str(label) for value, label in Offer.Format.choices},
        "labels": {
            "provider": _("Udbyder"),
            "place": _("Sted"),
            "distance": _("Afstand"),
            "grades": _("Klassetrin"),
            "price": _("Pris"),
            "format": _("Form"),
            "subjects": _("Fag og temaer"),
            "pages": _("Sider"),
            "free": _("Gratis"),
            "amount": _("%(amount)s kr."),
        },
        "map": map_settings(),
        "apiUrl": reverse("api-v1:offer-list"),
        "geocodeUrl": reverse("api-v1:geocode"),
        "clustersUrl": reverse("api-v1:environment-clusters"),
        "offerUrl": reverse("directory:offer_detail", kwargs={"slug": "SLUG"}),
        "environmentUrl": reverse("directory:environment_detail", kwargs={"slug": "SLUG"}),
        "point": {"lat": point.latitude, "lng": point.longitude, "label": suggestions.understood_place(point)}
        if point
        else None,
        "radiusKm": result_radius(request),
        "places": _result_places(offers),
        "text": {
            "locating": _("Finder din placering …"),
            "located": _("Din placering er sat ind som sted."),
            "locationFailed": _("Vi kunne ikke finde din placering. Skriv en adresse eller et postnummer."),
            "loading": _("Søger …"),
            "failed": _("Søgningen mislykkedes. Prøv igen."),
            "near": _("nær"),
            "showing": _("%(count)s tilbud"),
            "inArea": _("i kortets område"),
            "offerCount": _("%(count)s tilbud her"),
            "cluster": _("%(count)s steder – tryk for at zoome ind"),
            "previous": _("Forrige side"),
            "next": _("Næste side"),
            "pageOf": _("Side %(number)s af %(count)s"),
            "noResults": _("Ingen tilbud passer til søgningen. Prøv en større afstand eller færre filtre."),
            "showingRange": _("viser %(first)s–%(last)s"),
            "within": _("inden for %(km)s km fra %(place)s"),
            "yourLocation": _("din placering"),
            "closePopup": _("Luk"),
            "showOnMap": _("Vis på kort"),
        },
    }


def result_radius(request: HttpRequest) -> float:
    radius = request.GET.get("radius", "")
    return float(radius) if _is_number(radius) and 0 < float(radius) <= 500 else DEFAULT_RADIUS_KM


def _result_places(offers: list[Offer]) -> list[dict]:
    """One marker per result: the place where the offer is nearest (or its first place)."""
    places = []
    for offer in offers:
        place = getattr(offer, "nearest_environment", None) or next(iter(offer.environments.all()), None)
        if place is not None and place.has_coordinates:
            places.append(
                {
                    "offer": offer.pk,
                    "environment": place.pk,
                    "name": place.name,
                    "title": offer.title,
                    "organisation": offer.organisation.name,
                    "url": offer.get_absolute_url(),
                    "lat": place.latitude,
                    "lng": place.longitude,
                }
            )
    return places

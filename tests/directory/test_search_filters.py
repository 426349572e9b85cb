"""Every declared filter (directory/search/filters.py) × {no point, a point with a 500 km radius,
a map box}, through both query paths (offers; places, which read the search table), against
a plain Python filter over the same data. A filter without a case here fails the suite.

The network is tests/directory/test_search.py's: places in Aarhus, Odense, København and
Aalborg, on-site, outreach (by radius, by municipality) and digital offers, a draft, an
archived place.
"""

import math

import pytest
from django.http import QueryDict

from directory.models import LearningEnvironment, Offer
from directory.search.filters import BY_NAME, FILTERS
from directory.search.forms import OfferSearchForm
from directory.search.offers import offer_search
from directory.search.places import environment_search
from maps.models import Municipality
from tests.directory.test_search import SCHOOL, network  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

COPENHAGEN_BOX = (12.0, 55.5, 13.0, 55.8)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def in_box(place, box) -> bool:
    min_lng, min_lat, max_lng, max_lat = box
    return (
        place.latitude is not None
        and min_lat <= place.latitude <= max_lat
        and min_lng <= place.longitude <= max_lng
    )


def active(offer) -> list:
    return [place for place in offer.environments.all() if place.status == "active"]


def located(offer) -> list:
    return [place for place in active(offer) if place.latitude is not None]


def by_radius_reaches(offer, point) -> bool:
    """An outreach offer whose service radius, around one of its active places, reaches the point."""
    radius = offer.service_radius_km
    return (
        offer.format == "udgaaende"
        and radius is not None
        and any(km((place.latitude, place.longitude), point) <= radius for place in located(offer))
    )


def serves(offer, municipalities) -> bool:
    """At an active place in one of them, or outreach listing one or reaching its centre."""
    codes = {municipality.code for municipality in municipalities}
    if any(place.municipality_id in codes for place in active(offer)):
        return True
    if offer.format != "udgaaende":
        return False
    if any(municipality.code in codes for municipality in offer.service_municipalities.all()):
        return True
    return any(by_radius_reaches(offer, (m.latitude, m.longitude)) for m in municipalities)


def aarhus():
    return [Municipality.objects.get(code=751)]


def midtjylland():
    return list(Municipality.objects.filter(region_id=1082))


# name -> (query value, does the offer match?, does the place match? None: the filter is on offers)
CASES = {
    "subject": ("biologi", lambda offer: "biologi" in {s.slug for s in offer.subjects.all()}, None),
    "grade": ("mellemtrin", lambda offer: offer.grade_from_id <= 8 and offer.grade_to_id >= 6, None),
    "delivery": ("udgaaende", lambda offer: offer.format == "udgaaende", None),
    "free": ("true", lambda offer: offer.price_dkk == 0, None),
    "month": ("1", lambda offer: bool(offer.months & 1), None),
    "max_price": ("300", lambda offer: offer.price_kind != "ukendt" and offer.price_dkk <= 300, None),
    "max_duration": (
        "60",
        lambda offer: offer.duration_minutes is not None and offer.duration_minutes <= 60,
        None,
    ),
    "goal": ("kilder", lambda offer: "kilder" in offer.learning_goals.lower(), None),
    "language": ("en", lambda offer: "en" in {language.code for language in offer.languages.all()}, None),
    # A word both text indexes read alike (PostgreSQL stems Danish words, SQLite finds substrings).
    "q": (
        "hjul",
        lambda offer: (
            "hjul" in f"{offer.title} {offer.summary} {offer.description} {offer.organisation.name}".lower()
        ),
        None,
    ),
    "category": (
        "zoo-akvarium",
        lambda offer: any(place.category.slug == "zoo-akvarium" for place in active(offer)),
        lambda place: place.category.slug == "zoo-akvarium",
    ),
    "municipality": (
        "751",
        lambda offer: serves(offer, aarhus()),
        lambda place: place.municipality_id == 751,
    ),
    "region": ("1082", lambda offer: serves(offer, midtjylland()), lambda place: place.region_id == 1082),
    "bbox": (
        ",".join(map(str, COPENHAGEN_BOX)),
        lambda offer: any(in_box(place, COPENHAGEN_BOX) for place in active(offer)),
        lambda place: in_box(place, COPENHAGEN_BOX),
    ),
}

SCENARIOS = {
    "no point": "",
    "a point, 500 km": f"near={SCHOOL[0]},{SCHOOL[1]}&radius=500",
    "a map box": "bbox=9.5,55.2,10.8,56.3",  # Aarhus and Odense, not København or Aalborg
}


def within_reach(offer, point, radius) -> bool:
    """The point search's meaning: outreach offers with a service area match by it alone;
    every other offer by an active place within the radius."""
    area_only = offer.format == "udgaaende" and (
        offer.service_radius_km is not None or offer.service_municipalities.exists()
    )
    if area_only:
        school = Municipality.objects.get(code=751)  # the school's municipality
        return by_radius_reaches(offer, point) or school in offer.service_municipalities.all()
    return any(km((place.latitude, place.longitude), point) <= radius for place in located(offer))


def parse(query: str) -> dict:
    form = OfferSearchForm(QueryDict(query))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def expected_offers(name: str, scenario: str) -> set[str]:
    value, matches, _ = CASES[name]
    params = QueryDict(SCENARIOS[scenario])
    box = (
        tuple(map(float, (value if name == "bbox" else params.get("bbox", "")).split(",")))
        if (name == "bbox" or "bbox" in params)
        else None
    )
    found = set()
    for offer in Offer.objects.filter(status="published"):
        if not matches(offer):
            continue
        if "near" in params and not within_reach(offer, SCHOOL, 500):
            continue
        if box is not None and not any(in_box(place, box) for place in active(offer)):
            continue
        found.add(offer.slug)
    return found


def expected_places(name: str, scenario: str) -> set[str]:
    value, matches, place_matches = CASES[name]
    params = QueryDict(SCENARIOS[scenario])
    box_text = value if name == "bbox" else params.get("bbox")
    box = tuple(map(float, box_text.split(","))) if box_text else None
    found = set()
    for place in LearningEnvironment.objects.filter(status="active"):
        if place_matches is not None and not place_matches(place):
            continue
        if box is not None and not in_box(place, box):
            continue
        if "near" in params and (
            place.latitude is None or km((place.latitude, place.longitude), SCHOOL) > 500
        ):
            continue
        hosted = place.offers.filter(status="published")
        if any(place_matches is not None or matches(offer) for offer in hosted):
            found.add(place.slug)
    return found


def test_every_declared_filter_has_a_case_here():
    assert set(CASES) == {entry.name for entry in FILTERS}


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("name", [entry.name for entry in FILTERS])
def test_each_filter_finds_what_a_plain_python_filter_finds(network, name, scenario):  # noqa: F811
    assert name in BY_NAME
    query = "&".join(part for part in (SCENARIOS[scenario], f"{name}={CASES[name][0]}") if part)
    if name == "bbox" and "bbox=" in SCENARIOS[scenario]:
        query = query.replace(SCENARIOS[scenario], SCENARIOS[scenario].split("bbox=")[0]).strip("&")
    params = parse(query)
    result = offer_search(params=params)
    found = {offer.slug for offer in result.offers}
    assert found == expected_offers(name, scenario), query
    assert result.count == len(found)
    places = {place.slug for place in environment_search(params=params).environments}
    assert places == expected_places(name, scenario), query


def test_the_filters_under_test_narrow_something(network):  # noqa: F811
    """A case whose value matched every offer would test nothing."""
    everything = {offer.slug for offer in Offer.objects.filter(status="published")}
    for name in CASES:
        assert expected_offers(name, "no point") < everything, name
        assert expected_offers(name, "no point"), name

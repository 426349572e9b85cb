"""The search engine against a small network with known distances.

Expected distances come from the test's own haversine (below), not from the code under
test. The searched school is in Aarhus C; places in Aarhus, Odense, København and Aalborg.
"""

import math
from dataclasses import dataclass

import pytest
from django.http import QueryDict

from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Subject
from directory.models.search_index import SUBJECT_BITS
from directory.search import reach
from directory.search.forms import OfferSearchForm
from directory.search.offers import offer_search
from directory.search.places import environment_clusters, environment_search
from directory.search.refresh import search_index_refresh
from maps.models import Municipality
from tests.factories import EnvironmentFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SCHOOL = (56.1572, 10.2107)  # Aarhus C
PLACES = {
    "aros": (56.1538, 10.1997, 751),
    "moesgaard": (56.0884, 10.2247, 751),
    "odense-zoo": (55.3836, 10.3756, 461),
    "koebenhavn-zoo": (55.6726, 12.5214, 101),
    "nationalmuseet": (55.6749, 12.5747, 101),
    "aalborg-zoo": (57.0378, 9.8988, 851),
}


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The test's own haversine on a 6371.0088 km sphere."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a[:2], *b[:2]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def km_from_school(place: str) -> float:
    return great_circle_km(SCHOOL, PLACES[place])


@dataclass
class Network:
    places: dict
    offers: dict


def _grade(slug: str) -> Grade:
    return Grade.objects.get(slug=slug)


@pytest.fixture
def network(db) -> Network:
    places = {}
    for slug, (latitude, longitude, code) in PLACES.items():
        municipality = Municipality.objects.get(code=code)
        organisation = OrganisationFactory(name=f"Organisation {slug}", municipality=municipality)
        places[slug] = EnvironmentFactory(
            name=slug.replace("-", " ").title(),
            slug=slug,
            organisation=organisation,
            latitude=latitude,
            longitude=longitude,
            municipality=municipality,
            category=Category.objects.get(slug="zoo-akvarium" if "zoo" in slug else "museum"),
        )
    danish, english = Language.objects.get(code="da"), Language.objects.get(code="en")

    def offer(slug, place, subjects, grades, **fields):
        languages = fields.pop("languages", [danish])
        environments = [places[place]] if place else []
        return OfferFactory(
            title=fields.pop("title", slug.replace("-", " ").capitalize()),
            slug=slug,
            organisation=places[place].organisation if place else places["nationalmuseet"].organisation,
            subjects=[Subject.objects.get(slug=subject) for subject in subjects],
            grade_from=_grade(grades[0]),
            grade_to=_grade(grades[1]),
            environments=environments,
            languages=languages,
            **fields,
        )

    offers = {
        "kunst-for-mellemtrinnet": offer(
            "kunst-for-mellemtrinnet", "aros", ["billedkunst"], ("5-klasse", "9-klasse"), price_dkk=0
        ),
        "vikingetiden": offer(
            "vikingetiden",
            "moesgaard",
            ["historie"],
            ("0-klasse", "6-klasse"),
            price_dkk=500,
            months=0b0111_0000_0000,  # September–November
            duration_minutes=90,
            learning_goals="Eleverne kan bruge kilder og genstande til at undersøge fortiden.",
        ),
        "dyrenes-tilpasning": offer(
            "dyrenes-tilpasning", "odense-zoo", ["biologi"], ("3-klasse", "6-klasse"), price_dkk=0
        ),
        "rovdyr-og-byttedyr": offer(
            "rovdyr-og-byttedyr",
            "koebenhavn-zoo",
            ["biologi", "natur-teknologi"],
            ("0-klasse", "10-klasse"),
            price_dkk=300,
            languages=[danish, english],
            duration_minutes=45,
            duration_max_minutes=60,
        ),
        "zoo-paa-besoeg": offer(
            "zoo-paa-besoeg",
            "aalborg-zoo",
            ["biologi"],
            ("0-klasse", "6-klasse"),
            format=Offer.Format.OUTREACH,
            service_radius_km=150,
        ),
        "museet-kommer-til-jer": offer(
            "museet-kommer-til-jer",
            "nationalmuseet",
            ["historie"],
            ("4-klasse", "9-klasse"),
            format=Offer.Format.OUTREACH,
        ),  # fmt: skip
        "dyr-paa-hjul": offer(
            "dyr-paa-hjul",
            "odense-zoo",
            ["biologi"],
            ("0-klasse", "3-klasse"),
            format=Offer.Format.OUTREACH,
            service_radius_km=20,
        ),
        "digitale-vikinger": offer(
            "digitale-vikinger", None, ["historie"], ("4-klasse", "6-klasse"), format=Offer.Format.DIGITAL
        ),
        "kladde-paa-aros": offer(
            "kladde-paa-aros", "aros", ["billedkunst"], ("5-klasse", "9-klasse"), status=Offer.Status.DRAFT
        ),
    }
    offers["museet-kommer-til-jer"].service_municipalities.set([Municipality.objects.get(code=751)])
    search_index_refresh(offer_ids=[offers["museet-kommer-til-jer"].pk])  # a link written directly
    # A published offer at an archived place is not public through that place.
    archived = EnvironmentFactory(
        slug="lukket-museum", name="Lukket museum", status=LearningEnvironment.Status.ARCHIVED,
        latitude=56.16, longitude=10.21,
    )  # fmt: skip
    OfferFactory(
        slug="paa-lukket-sted",
        title="På lukket sted",
        environments=[archived],
        subjects=[Subject.objects.get(slug="kulturarv")],
        months=0b1111_1111_1110,
    )
    return Network(places=places, offers=offers)


def search(query: str):
    form = OfferSearchForm(QueryDict(query))
    assert form.is_valid(), form.errors
    return offer_search(params=form.cleaned_data)


def slugs(result) -> list[str]:
    return [offer.slug for offer in result.offers]


NEAR_SCHOOL = f"near={SCHOOL[0]},{SCHOOL[1]}"
ALL_PUBLIC = {
    "kunst-for-mellemtrinnet", "vikingetiden", "dyrenes-tilpasning", "rovdyr-og-byttedyr",
    "zoo-paa-besoeg", "museet-kommer-til-jer", "dyr-paa-hjul", "digitale-vikinger",
}  # fmt: skip


def test_without_filters_every_published_offer_is_listed_by_title(network):
    result = search("")
    assert set(slugs(result)) == ALL_PUBLIC | {"paa-lukket-sted"}
    titles = [offer.title for offer in result.offers]
    assert titles == sorted(titles)
    assert result.count == len(ALL_PUBLIC) + 1
    assert all(offer.distance_km is None for offer in result.offers)


def test_near_within_radius_orders_by_great_circle_distance_with_exact_kilometres(network):
    result = search(f"{NEAR_SCHOOL}&radius=10&delivery=paa-stedet")
    assert slugs(result) == ["kunst-for-mellemtrinnet", "vikingetiden"]
    aros, moesgaard = result.offers[0:2]
    assert aros.distance_km == pytest.approx(km_from_school("aros"), abs=0.001)
    assert moesgaard.distance_km == pytest.approx(km_from_school("moesgaard"), abs=0.001)
    assert aros.nearest_environment.slug == "aros"
    assert result.point.latitude == SCHOOL[0]


@pytest.mark.parametrize("radius", [1, 5, 10, 50, 130, 160, 250, 500])
def test_radius_keeps_exactly_the_places_within_it(network, radius):
    expected_on_site = {
        offer.slug
        for offer in network.offers.values()
        if offer.status == Offer.Status.PUBLISHED
        and offer.format == Offer.Format.ON_SITE
        and any(km_from_school(place.slug) <= radius for place in offer.environments.all())
    }
    result = search(f"{NEAR_SCHOOL}&radius={radius}&delivery=paa-stedet")
    assert set(slugs(result)) == expected_on_site
    distances = [offer.distance_km for offer in result.offers]
    assert distances == sorted(distances)


def test_outreach_offer_matches_school_in_its_service_radius_though_provider_is_far(network):
    assert km_from_school("aalborg-zoo") > 90  # far beyond the searched 10 km
    result = search(f"{NEAR_SCHOOL}&radius=10&subject=biologi")
    assert slugs(result) == ["zoo-paa-besoeg"]
    assert result.offers[0].distance_km == pytest.approx(km_from_school("aalborg-zoo"), abs=0.001)


def test_outreach_offer_matches_school_in_a_served_municipality(network):
    result = search(f"{NEAR_SCHOOL}&radius=5&subject=historie&delivery=udgaaende")
    assert slugs(result) == ["museet-kommer-til-jer"]


def test_outreach_offer_outside_its_service_area_does_not_match(network):
    result = search(f"{NEAR_SCHOOL}&radius=100&delivery=udgaaende")
    assert km_from_school("odense-zoo") < 100  # its base is within the radius, its 20 km area is not
    assert "dyr-paa-hjul" not in slugs(result)
    odense = search("near=55.40,10.39&radius=5&delivery=udgaaende")
    assert slugs(odense) == ["dyr-paa-hjul"]


def test_drafts_and_places_that_are_archived_never_show(network):
    result = search(f"{NEAR_SCHOOL}&radius=20")
    assert "kladde-paa-aros" not in slugs(result)
    assert "paa-lukket-sted" not in slugs(result)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("subject=biologi", {"dyrenes-tilpasning", "rovdyr-og-byttedyr", "zoo-paa-besoeg", "dyr-paa-hjul"}),
        ("subject=billedkunst&subject=natur-teknologi", {"kunst-for-mellemtrinnet", "rovdyr-og-byttedyr"}),
        ("subject=billedkunst,natur-teknologi", {"kunst-for-mellemtrinnet", "rovdyr-og-byttedyr"}),
        ("grade=9-klasse", {"kunst-for-mellemtrinnet", "rovdyr-og-byttedyr", "museet-kommer-til-jer"}),
        ("grade=0", {"vikingetiden", "rovdyr-og-byttedyr", "zoo-paa-besoeg", "dyr-paa-hjul"}),
        (
            "category=zoo-akvarium",
            {"dyrenes-tilpasning", "rovdyr-og-byttedyr", "zoo-paa-besoeg", "dyr-paa-hjul"},
        ),
        ("delivery=digitalt", {"digitale-vikinger"}),
        ("delivery=udgaaende", {"zoo-paa-besoeg", "museet-kommer-til-jer", "dyr-paa-hjul"}),
        # Aalborg zoo's outreach reaches 150 km, Aarhus' centre lies ~100 km away: it serves 751.
        (
            "municipality=751",
            {"kunst-for-mellemtrinnet", "vikingetiden", "museet-kommer-til-jer", "zoo-paa-besoeg"},
        ),
        ("municipality=101", {"rovdyr-og-byttedyr", "museet-kommer-til-jer"}),
        ("region=1083", {"dyrenes-tilpasning", "dyr-paa-hjul"}),
        ("free=false", {"vikingetiden", "rovdyr-og-byttedyr"}),
        ("language=en", {"rovdyr-og-byttedyr"}),
        ("month=3", ALL_PUBLIC - {"vikingetiden"} | {"paa-lukket-sted"}),
        ("month=1", ALL_PUBLIC - {"vikingetiden"}),
        ("q=rovdyr", {"rovdyr-og-byttedyr"}),
        ("q=organisation aalborg-zoo", {"zoo-paa-besoeg"}),
        ("bbox=12.0,55.5,13.0,55.8", {"rovdyr-og-byttedyr", "museet-kommer-til-jer"}),
        ("subject=biologi&grade=1-klasse&free=true", {"zoo-paa-besoeg", "dyr-paa-hjul"}),
        ("subject=historie&municipality=751&grade=5-klasse", {"vikingetiden", "museet-kommer-til-jer"}),
    ],
)
def test_each_filter_alone_and_combined(network, query, expected):
    assert set(slugs(search(query))) == expected


def test_free_alone_lists_the_offers_without_a_price(network):
    expected = {slug for slug, offer in network.offers.items() if offer.price_dkk == 0} & ALL_PUBLIC
    assert set(slugs(search("free=true"))) - {"paa-lukket-sted"} == expected


def test_near_combined_with_subject_and_grade_answers_the_teachers_question(network):
    # "what can my 3rd grade do in biology within 120 km of Aarhus C?"
    result = search(f"{NEAR_SCHOOL}&radius=120&subject=biologi&grade=3-klasse")
    assert km_from_school("odense-zoo") < 120 < km_from_school("koebenhavn-zoo")
    assert slugs(result) == ["dyrenes-tilpasning", "zoo-paa-besoeg"]
    assert [offer.distance_km for offer in result.offers] == pytest.approx(
        [km_from_school("odense-zoo"), km_from_school("aalborg-zoo")], abs=0.001
    )


def test_ordering_by_title_or_newest_first_with_a_point(network):
    by_title = search(f"{NEAR_SCHOOL}&radius=500&delivery=paa-stedet&ordering=title")
    assert [offer.title for offer in by_title.offers] == sorted(offer.title for offer in by_title.offers)
    assert all(offer.distance_km is not None for offer in by_title.offers)
    newest = search("ordering=-created")
    assert slugs(newest)[0] == "paa-lukket-sted"


def test_a_town_name_in_near_goes_through_the_geocoder(network):
    result = search("near=Odense&radius=15&delivery=paa-stedet")
    assert slugs(result) == ["dyrenes-tilpasning"]
    assert result.point.municipality_code == 461


def test_place_search_uses_the_same_filters_and_reports_distance_and_offer_count(network):
    form = OfferSearchForm(QueryDict(f"{NEAR_SCHOOL}&radius=120&subject=biologi"))
    assert form.is_valid()
    result = environment_search(params=form.cleaned_data)
    places = list(result.environments)
    assert [place.slug for place in places] == ["odense-zoo", "aalborg-zoo"]
    assert places[0].distance_km == pytest.approx(km_from_school("odense-zoo"), abs=0.001)
    assert [place.offer_count for place in places] == [2, 1]  # Odense: the zoo's visit and its outreach


def test_clusters_group_places_at_low_zoom_and_split_them_at_high_zoom(network):
    form = OfferSearchForm(QueryDict(""))
    assert form.is_valid()
    country = environment_clusters(params=form.cleaned_data, zoom=5)
    counts = sorted(feature["properties"].get("count", 1) for feature in country)
    assert sum(counts) == 6  # six active public places; the archived one is left out
    assert any(feature["properties"]["cluster"] for feature in country)
    city = environment_clusters(params=form.cleaned_data, zoom=14)
    assert len(city) == 6
    assert all(not feature["properties"]["cluster"] for feature in city)
    aros = next(feature for feature in city if feature["properties"]["name"] == "Aros")
    assert aros["geometry"]["coordinates"] == [PLACES["aros"][1], PLACES["aros"][0]]
    assert aros["properties"]["offer_count"] == 1


def test_the_near_and_outreach_parts_give_each_offer_its_exact_nearest_distance(network):
    form = OfferSearchForm(QueryDict(f"{NEAR_SCHOOL}&radius=120&subject=biologi"))
    assert form.is_valid()
    by_slug = {
        Offer.objects.get(pk=pk).slug: term
        for pk, term in reach.offers_within_reach(params=form.cleaned_data).items()
    }
    # Odense zoo is 120 km away at most; the Aalborg outreach offer reaches 150 km from its base.
    assert set(by_slug) == {"dyrenes-tilpasning", "zoo-paa-besoeg"}
    for slug, place in {"dyrenes-tilpasning": "odense-zoo", "zoo-paa-besoeg": "aalborg-zoo"}.items():
        exact = math.sin(km_from_school(place) / (2 * 6371.0088)) ** 2
        assert by_slug[slug] == pytest.approx(exact, rel=1e-9)


def _plans(query: str) -> dict[str, str]:
    from django.db import connection

    form = OfferSearchForm(QueryDict(query))
    assert form.is_valid()
    plans = {}
    with connection.cursor() as cursor:
        for part, (sql, params) in reach.reach_statements(params=form.cleaned_data):
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plans[part] = " ".join(str(row[-1]) for row in cursor.fetchall())
    return plans


def test_a_point_search_reads_the_search_tables_position_indexes(network):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL chooses from its statistics; the benchmark prints its plan")
    with_subject = _plans(f"{NEAR_SCHOOL}&radius=25&subject=biologi&grade=5-klasse")
    position = "(subject_id=? AND band=? AND longitude>? AND longitude<?)"
    assert f"COVERING INDEX subject_placement_position {position}" in with_subject["near"]
    assert f"COVERING INDEX subject_placement_reach {position}" in with_subject["outreach"]
    without = _plans(f"{NEAR_SCHOOL}&radius=25&grade=5-klasse")
    assert "COVERING INDEX placement_position (band=? AND longitude>? AND longitude<?)" in without["near"]
    assert (
        "COVERING INDEX placement_reach_position (band=? AND longitude>? AND longitude<?)"
        in without["outreach"]
    )
    # Wider than every service radius (150 km here): one scan of the position index reads both.
    wide = _plans(f"{NEAR_SCHOOL}&radius=200&subject=biologi&grade=5-klasse")
    assert list(wide) == ["near and outreach"]
    assert f"COVERING INDEX subject_placement_position {position}" in wide["near and outreach"]


def test_a_subject_sharing_a_bit_of_the_search_table_does_not_match_for_another(network):
    biologi = Subject.objects.get(slug="biologi")
    twin = Subject.objects.create(
        pk=biologi.pk + SUBJECT_BITS, slug="tvilling", name="Tvilling", kind=biologi.kind
    )
    place = network.places["aros"]
    OfferFactory(slug="tvillingen", organisation=place.organisation, subjects=[twin], environments=[place])
    assert "tvillingen" not in slugs(search(f"{NEAR_SCHOOL}&radius=10&subject=biologi"))
    assert "tvillingen" in slugs(search(f"{NEAR_SCHOOL}&radius=10&subject=tvilling"))


def test_a_newly_published_wider_outreach_radius_is_searched_at_once(network):
    far = "near=55.0,10.0&radius=5&delivery=udgaaende"  # Als/Fyn area: ~180 km from Aalborg
    assert "zoo-paa-besoeg" not in slugs(search(far))
    offer = network.offers["zoo-paa-besoeg"]
    offer.service_radius_km = 300
    offer.save()
    search_index_refresh(offer_ids=[offer.pk])  # what every write path does after its save
    assert "zoo-paa-besoeg" in slugs(search(far))


def test_a_wider_outreach_radius_reaches_a_process_holding_the_old_largest_radius(network):
    """Each process keeps the largest service radius with its reference tables
    (directory/reference.py). The process writing may load its copy only inside its own
    transaction, after the change; another one must still learn of it."""
    from directory import reference as reference_module

    far = "near=55.0,10.0&radius=200&delivery=udgaaende"  # 227 km from Aalborg zoo, its radius 150
    assert "zoo-paa-besoeg" not in slugs(search(far))
    other_process = reference_module.reference()  # its copy: the largest radius is 150
    assert other_process.max_reach_km == 150
    reference_module._current = None  # the writing process holds no copy yet
    offer = network.offers["zoo-paa-besoeg"]
    offer.service_radius_km = 300
    offer.save()
    search_index_refresh(offer_ids=[offer.pk])
    reference_module._current = other_process  # back in the other process
    assert "zoo-paa-besoeg" in slugs(search(far))


def test_pages_of_a_point_search_follow_distance_then_title_without_gaps(network):
    whole = slugs(search(f"{NEAR_SCHOOL}&radius=500"))
    result = search(f"{NEAR_SCHOOL}&radius=500")
    paged = [offer.slug for start in range(0, result.count, 2) for offer in result.offers[start : start + 2]]
    assert paged == whole and len(whole) == result.count


@pytest.mark.parametrize(
    "filters", ["", "subject=biologi", "grade=5-klasse&free=true", "q=dyr", "language=en", "month=10"]
)
def test_the_place_search_through_the_search_table_agrees_with_the_links(network, filters):
    # A box around Denmark reads the search table; no box reads the offer links.
    def places(query: str) -> dict[str, int]:
        form = OfferSearchForm(QueryDict(query))
        assert form.is_valid(), form.errors
        found = environment_search(params=form.cleaned_data).environments
        return {place.slug: place.offer_count for place in found}

    everywhere = places(filters)
    assert places(f"{filters}&bbox=7.0,54.4,15.3,57.9") == everywhere
    assert everywhere and all(count >= 1 for count in everywhere.values())


def test_text_search_ignores_case_and_reads_the_text_index(network):
    from django.db import connection

    from directory.search.text import FTS_TABLE, has_fts, offer_ids_sql

    assert set(slugs(search("q=ROVDYR"))) == {"rovdyr-og-byttedyr"}
    if connection.vendor != "sqlite":
        return  # PostgreSQL: the benchmark prints the plan over the GIN index
    assert has_fts(), "this SQLite has FTS5 with trigrams; migration 0008 must have made the table"
    # Substrings, as the scan it replaces; a word shorter than a trigram by LIKE.
    assert set(slugs(search("q=byttedy"))) == {"rovdyr-og-byttedyr"}
    assert "rovdyr-og-byttedyr" in set(slugs(search("q=rovdyr og")))
    sql, params = offer_ids_sql("rovdyr")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and FTS_TABLE in plan


def test_an_offer_teaching_two_of_the_subjects_counts_once_at_its_place(network):
    """Per-subject search rows (SubjectPlacement) hold such an offer twice; places and counts
    must not."""
    query = "subject=biologi&subject=natur-teknologi&bbox=12.4,55.6,12.7,55.75"
    form = OfferSearchForm(QueryDict(query))
    assert form.is_valid(), form.errors
    places = list(environment_search(params=form.cleaned_data).environments)
    zoo = next(place for place in places if place.slug == "koebenhavn-zoo")
    expected = (
        Offer.objects.published()
        .filter(environments=zoo, subjects__slug__in=["biologi", "natur-teknologi"])
        .distinct()
        .count()
    )
    assert [place.slug for place in places].count("koebenhavn-zoo") == 1
    assert zoo.offer_count == expected >= 1
    clusters = environment_clusters(params=form.cleaned_data, zoom=14)
    assert [f["properties"]["name"] for f in clusters].count(zoo.name) == 1


@pytest.fixture
def crowd(db) -> dict[str, float]:
    """64 biology offers around the school (expected km by the test's haversine): one 1 km
    away, the others 30–90 km, so that the first ring around the school is too small and must
    grow; two offers at one place (a tie), one offer at two places (its nearer one counts), an
    outreach offer reaching the school by its radius and one serving the school's municipality
    with no located place (last)."""
    organisation = OrganisationFactory(name="Mængden")
    expected: dict[str, float] = {}
    rng = __import__("random").Random(8)
    places = []
    for index in range(60):
        km, bearing = (1 if index == 0 else 30 + 60 * (index - 1) / 58), rng.uniform(0, 2 * math.pi)
        point = (
            SCHOOL[0] + km / 111.2 * math.cos(bearing),
            SCHOOL[1] + km / (111.2 * math.cos(math.radians(SCHOOL[0]))) * math.sin(bearing),
        )
        places.append(
            (point, EnvironmentFactory(organisation=organisation, latitude=point[0], longitude=point[1]))
        )
    biology, nature = Subject.objects.get(slug="biologi"), Subject.objects.get(slug="natur-teknologi")
    for index, (point, place) in enumerate(places):
        subjects = [biology, nature] if index == 5 else [biology]
        OfferFactory(
            organisation=organisation, title=f"Tur {index:02d}", environments=[place], subjects=subjects
        )
        expected[f"tur-{index:02d}"] = great_circle_km(SCHOOL, point)
    OfferFactory(organisation=organisation, title="Tur 03 b", environments=[places[3][1]])
    expected["tur-03-b"] = great_circle_km(SCHOOL, places[3][0])
    OfferFactory(
        organisation=organisation, title="To steder", environments=[places[58][1], places[20][1]],
        subjects=[biology, nature],
    )  # fmt: skip
    expected["to-steder"] = great_circle_km(SCHOOL, places[20][0])
    # Both a service radius reaching the school and the school's municipality: found once.
    reaching = OfferFactory(
        organisation=organisation, title="Vi kommer ud", environments=[places[50][1]],
        format=Offer.Format.OUTREACH, service_radius_km=100,
    )  # fmt: skip
    expected["vi-kommer-ud"] = great_circle_km(SCHOOL, places[50][0])
    served = OfferFactory(organisation=organisation, title="Hele kommunen", format=Offer.Format.OUTREACH)
    for offer in (reaching, served):
        offer.service_municipalities.set([Municipality.objects.get(code=751)])
        search_index_refresh(offer_ids=[offer.pk])
    expected["hele-kommunen"] = math.inf
    return expected


def test_a_wide_search_counts_in_the_database_and_pages_from_rings_exactly_as_reading_every_row(crowd):
    in_order = sorted(crowd, key=lambda slug: (crowd[slug], slug))
    query = f"{NEAR_SCHOOL}&radius=100&subject=biologi"
    result = search(query)
    assert result.count == len(crowd) == 64
    paged, rings = [], []
    for start in range(0, 64, 2):
        offers = search(query).offers
        paged += offers[start : start + 2]
        rings.append(not offers.read_every_row)
    assert [offer.slug for offer in paged] == in_order
    for offer in paged[:-1]:
        assert offer.distance_km == pytest.approx(crowd[offer.slug], abs=0.001)
    assert paged[-1].distance_km is None
    # The first pages came from rings (the first one grown: one offer within it), deep ones not.
    assert rings[:3] == [True, True, True] and rings[-1] is False
    # Ties at one place go by title, also across a page boundary.
    assert in_order.index("tur-03-b") == in_order.index("tur-03") + 1 == 4
    # Narrower than the service radius (100 km): the outreach rows are read on their own.
    within_60 = sorted(
        (slug for slug, km in crowd.items() if km <= 60 or slug in ("vi-kommer-ud", "hele-kommunen")),
        key=lambda slug: (crowd[slug], slug),
    )
    query_60 = f"{NEAR_SCHOOL}&radius=60&subject=biologi"
    assert search(query_60).count == len(within_60)
    paged_60 = [
        offer.slug
        for start in range(0, len(within_60), 3)
        for offer in search(query_60).offers[start : start + 3]
    ]
    assert paged_60 == within_60
    # Two subjects: offers teaching both have a row per subject at each place, counted once.
    both = search(f"{query}&subject=natur-teknologi")
    assert both.count == 64 == len({offer.slug for offer in both.offers[0:64]})


def test_a_ring_cut_short_inside_a_group_of_ties_reads_on_until_the_group_is_whole(db):
    """Thirty offers at one place 40 km away, more than a ring's first read of the nearest rows
    holds: the ranking must not take the ones that happened to come first, but wait for the
    whole group, in title order."""
    organisation = OrganisationFactory(name="Samlingen")

    def place_at(km: float, bearing: float):
        return EnvironmentFactory(
            organisation=organisation,
            latitude=SCHOOL[0] + km / 111.2 * math.cos(bearing),
            longitude=SCHOOL[1] + km / (111.2 * math.cos(math.radians(SCHOOL[0]))) * math.sin(bearing),
        )

    OfferFactory(organisation=organisation, title="Lige ved", environments=[place_at(1, 0.3)])
    crowded = place_at(40, 2.0)
    for index in range(30):  # titles not in the order of their ids
        OfferFactory(
            organisation=organisation, title=f"Samme sted {(index * 7) % 30:02d}", environments=[crowded]
        )
    for index in range(50):
        OfferFactory(
            organisation=organisation,
            title=f"Langt ude {index:02d}",
            environments=[place_at(60 + index * 0.6, index)],
        )
    query = f"{NEAR_SCHOOL}&radius=100&subject=biologi"
    paged = [offer.slug for start in range(0, 12, 2) for offer in search(query).offers[start : start + 2]]
    assert paged == ["lige-ved"] + [f"samme-sted-{index:02d}" for index in range(11)]

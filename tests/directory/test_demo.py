"""The demo network (`load_demo`) and the synthetic benchmark data (`load_demo --scale N`).

The demo network is loaded once for the module, inside an outer transaction that is rolled
back at the end, so every test sees it and no other module does.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from directory.demo.synthetic import PREFIX, synthetic_delete, synthetic_generate
from directory.models import LearningEnvironment, Offer, OfferPlacement, Organisation, Subject
from maps.geocoding.data import tables
from maps.geocoding.geography import in_denmark
from maps.spatial import haversine_km
from network.models import User

pytestmark = pytest.mark.django_db

BIG_CITIES = {
    "8000 Aarhus C": (56.1572, 10.2107),
    "København": (55.6761, 12.5683),
    "Odense": (55.3959, 10.3883),
    "Aalborg": (57.0488, 9.9217),
    "Esbjerg": (55.4765, 8.4594),
}
FIFTH_GRADE = 7  # Grade.level of "5-klasse"


def run_load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=io.StringIO(), verbosity=0)
    return out.getvalue()


def demo_counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.exclude(slug__startswith=PREFIX).count(),
        "environments": LearningEnvironment.objects.exclude(slug__startswith=PREFIX).count(),
        "offers": Offer.objects.exclude(slug__startswith=PREFIX).count(),
    }


@pytest.fixture(scope="module", autouse=True)
def demo_network(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_load_demo()
        yield output
        transaction.set_rollback(True)


def demo_environments():
    return LearningEnvironment.objects.exclude(slug__startswith=PREFIX).select_related("municipality")


def test_demo_network_has_forty_plus_organisations_in_fifteen_plus_municipalities_and_all_regions():
    environments = demo_environments()
    assert Organisation.objects.count() >= 45
    assert environments.count() >= 60
    assert environments.values("municipality").distinct().count() >= 15
    assert set(environments.values_list("region", flat=True)) == {1081, 1082, 1083, 1084, 1085}
    assert Offer.objects.count() >= 200


def test_every_demo_place_lies_in_denmark_in_a_municipality_near_its_postcode():
    postcodes = tables().postcodes
    for place in demo_environments():
        assert place.has_coordinates and in_denmark(place.latitude, place.longitude), place.name
        assert place.municipality is not None and place.region_id == place.municipality.region_id, place.name
        assert place.coordinate_source == "demo"
        district = postcodes[place.postcode]
        assert haversine_km(place.latitude, place.longitude, district.latitude, district.longitude) < 12, (
            f"{place.name} is far from {place.postcode} {district.name}"
        )


def test_municipal_school_services_in_the_demo_belong_to_a_municipality():
    services = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    assert services.count() >= 5
    assert not services.filter(municipality__isnull=True).exists()
    assert services.filter(name="Københavns Skoletjeneste", municipality__code=101).exists()


def test_demo_offers_spread_over_subjects_grades_formats_prices_and_statuses():
    offers = Offer.objects.exclude(slug__startswith=PREFIX)
    assert Subject.objects.filter(offers__in=offers).distinct().count() >= 25
    for level in range(14):
        assert offers.published().for_grade(level).exists(), f"no published offer for grade level {level}"
    assert set(offers.values_list("format", flat=True)) == set(Offer.Format.values)
    assert offers.free().count() >= offers.count() // 3
    assert offers.filter(price_dkk__gte=500, price_dkk__lte=1500).count() >= 20
    statuses = {status: offers.filter(status=status).count() for status in ("published", "draft", "archived")}
    assert (
        statuses["published"] > 0.85 * offers.count() and statuses["draft"] > 0 and statuses["archived"] > 0
    )
    assert not offers.filter(title="").exists() and not offers.filter(description="").exists()
    assert offers.filter(languages__code="de").exists() and offers.filter(languages__code="en").exists()


def test_demo_offers_carry_the_richer_facts_a_real_offer_has():
    offers = Offer.objects.exclude(slug__startswith=PREFIX).published()
    assert not offers.filter(learning_goals="").exists() and not offers.filter(requirements="").exists()
    assert not offers.filter(keywords="").exists()
    assert set(offers.values_list("price_kind", flat=True)) == set(Offer.PriceKind.values)
    assert {"klasse", "elev"} <= set(offers.values_list("price_unit", flat=True))
    assert (
        offers.filter(duration_days__gte=2).exists()
        and offers.filter(duration_max_minutes__isnull=False).exists()
    )
    assert offers.filter(min_participants__isnull=False).exists() and offers.filter(max_classes=1).exists()
    assert offers.filter(adults_per_group=2).exists() and offers.exclude(period_note="").exists()


def test_every_demo_outreach_offer_serves_an_area_and_every_offer_has_a_place_and_subject():
    offers = Offer.objects.exclude(slug__startswith=PREFIX)
    for offer in offers.filter(format=Offer.Format.OUTREACH):
        assert offer.service_radius_km or offer.service_municipalities.exists(), offer.title
    assert not offers.filter(environments__isnull=True).exists()
    assert not offers.filter(subjects__isnull=True).exists()
    assert not offers.published().filter(published_at__isnull=True).exists()


@pytest.mark.parametrize("city", BIG_CITIES)
def test_a_teacher_finds_published_biology_for_5th_grade_within_25_km_of_every_big_city(city):
    latitude, longitude = BIG_CITIES[city]
    biology = Offer.objects.published().for_subjects(["biologi"]).for_grade(FIFTH_GRADE)
    nearby = [
        offer
        for offer in biology.prefetch_related("environments")
        if any(
            haversine_km(latitude, longitude, p.latitude, p.longitude) <= 25 for p in offer.environments.all()
        )
    ]
    assert len(nearby) >= 2, city


def test_loading_the_demo_twice_creates_no_duplicates(demo_network):
    assert "0 unchanged" in demo_network  # the module's first load created everything
    before = demo_counts()
    output = run_load_demo()
    assert demo_counts() == before
    assert "0 created, 0 updated" in output
    assert f"{before['offers']} unchanged" in output


def test_reloading_restores_an_edited_demo_offer_instead_of_adding_one():
    offer = Offer.objects.get(slug="moesgaard-museum-grauballemanden")
    offer.title = "Ændret titel"
    offer.save()
    before = demo_counts()
    output = run_load_demo()
    offer.refresh_from_db()
    assert offer.title == "Grauballemanden og jernalderen"
    assert demo_counts() == before
    assert "offers: 0 created, 1 updated" in output


def printed_logins(output: str) -> dict[str, str]:
    """e-mail -> password, as `load_demo --with-users` prints them."""
    return dict(re.findall(r"^\s+(\S+@\S+)\s+(\S+)\s", output, re.M))


ON_SQLITE = "sqlite" in settings.DATABASES["default"]["ENGINE"]


@pytest.mark.skipif(not ON_SQLITE, reason="demo logins exist only on the embedded SQLite default")
@pytest.mark.parametrize(
    "email, url_name, arguments, allowed",
    [
        ("koordinator@laeringsmiljoer.dk", "members:moderation", {}, True),
        ("kommune@laeringsmiljoer.dk", "members:municipality", {"code": 751}, True),
        ("kommune@laeringsmiljoer.dk", "members:moderation", {}, False),
        ("admin@laeringsmiljoer.dk", "members:people", {"slug": "moesgaard-museum"}, True),
        ("redaktoer@laeringsmiljoer.dk", "members:organisation", {"slug": "den-gamle-by"}, True),
        ("redaktoer@laeringsmiljoer.dk", "members:people", {"slug": "den-gamle-by"}, False),
    ],
)
def test_with_users_prints_a_working_login_for_each_role_on_the_embedded_default(
    client, settings, email, url_name, arguments, allowed
):
    settings.DEBUG = True
    output = run_load_demo("--with-users")
    logins = printed_logins(output)
    assert set(logins) == {
        "koordinator@laeringsmiljoer.dk",
        "kommune@laeringsmiljoer.dk",
        "admin@laeringsmiljoer.dk",
        "redaktoer@laeringsmiljoer.dk",
    }
    assert "/medlem/log-ind/" in output
    assert client.login(email=email, password=logins[email])
    response = client.get(reverse(url_name, kwargs=arguments))
    assert (response.status_code == 200) is allowed, response.status_code


@pytest.mark.parametrize("debug", [False, True])
def test_with_users_creates_no_logins_when_debug_is_off_or_the_database_is_not_sqlite(settings, debug):
    if debug and ON_SQLITE:
        pytest.skip("debug on SQLite is the one place demo logins are made")
    settings.DEBUG = debug
    output = run_load_demo("--with-users")
    assert printed_logins(output) == {}
    assert not User.objects.filter(email__endswith="@laeringsmiljoer.dk").exists()


def test_without_with_users_no_demo_coordinator_exists():
    assert not User.objects.filter(email="koordinator@laeringsmiljoer.dk").exists()


def synthetic_places():
    return LearningEnvironment.objects.filter(slug__startswith=PREFIX).select_related("municipality")


def test_scale_generates_the_requested_places_on_danish_land_with_offers():
    before = demo_counts()
    output = run_load_demo("--scale", "500")
    places = synthetic_places()
    assert places.count() == 500
    assert "500 environments" in output
    for place in places:
        assert in_denmark(place.latitude, place.longitude), (place.latitude, place.longitude)
        assert place.region_id == place.municipality.region_id
        assert place.coordinate_precision == "town" and place.coordinate_source == "synthetic"
    assert set(places.values_list("region", flat=True)) == {1081, 1082, 1083, 1084, 1085}
    offers = Offer.objects.filter(slug__startswith=PREFIX)
    assert 500 <= offers.count() <= 1500
    assert not offers.filter(subjects__isnull=True).exists()
    assert not offers.filter(environments__isnull=True).exists()
    assert offers.published().count() > 0.8 * offers.count()
    assert demo_counts() == before


def test_scale_rerun_replaces_the_previous_synthetic_data():
    run_load_demo("--scale", "300")
    output = run_load_demo("--scale", "120")
    assert synthetic_places().count() == 120
    assert "removed 300 old environments" in output
    assert Organisation.objects.filter(slug__startswith=PREFIX).count() == 15
    # Ids were handed out explicitly: the next ordinary row must still get a fresh id.
    organisation = Organisation.objects.create(name="Ny efter skalering", slug="ny-efter-skalering")
    assert organisation.pk > Organisation.objects.exclude(pk=organisation.pk).order_by("-pk").first().pk


def test_scale_with_the_same_seed_gives_the_same_places():
    run_load_demo("--scale", "50", "--seed", "7")
    first = list(synthetic_places().order_by("slug").values_list("latitude", "longitude", "municipality"))
    run_load_demo("--scale", "50", "--seed", "7")
    again = list(synthetic_places().order_by("slug").values_list("latitude", "longitude", "municipality"))
    assert first == again and len(first) == 50


def test_scale_of_zero_is_refused_with_a_message():
    with pytest.raises(CommandError, match="--scale must be a positive number"):
        run_load_demo("--scale", "0")


def stop_after(chunks_done: int):
    """A progress wrapper that stops the run like Ctrl-C after `chunks_done` chunks."""

    def progress(chunks):
        for index, chunk in enumerate(chunks):
            if index == chunks_done:
                raise KeyboardInterrupt
            yield chunk

    return progress


def place_rows():
    return list(
        synthetic_places().order_by("slug").values_list("slug", "latitude", "longitude", "municipality")
    )


def test_a_stopped_scale_run_keeps_whole_chunks_out_of_the_search_and_the_next_run_finishes_it():
    with pytest.raises(KeyboardInterrupt):
        synthetic_generate(count=70, seed=5, batch_size=20, progress=stop_after(2))
    assert synthetic_places().count() == 40  # two whole chunks, nothing of the third
    assert not synthetic_places().filter(offers__isnull=True).exists()
    assert not OfferPlacement.objects.filter(offer__slug__startswith=PREFIX).exists()

    resumed = synthetic_generate(count=70, seed=5, batch_size=20)
    assert (resumed.chunks_resumed, resumed.chunks, resumed.deleted_environments) == (2, 4, 0)
    assert synthetic_places().count() == 70
    assert OfferPlacement.objects.filter(offer__slug__startswith=PREFIX).exists()
    after_resume = place_rows()

    synthetic_delete()
    synthetic_generate(count=70, seed=5, batch_size=20)
    assert place_rows() == after_resume  # the same places as a run that was never stopped


def test_a_scale_run_with_other_numbers_replaces_a_stopped_one():
    with pytest.raises(KeyboardInterrupt):
        synthetic_generate(count=70, seed=5, batch_size=20, progress=stop_after(1))
    summary = synthetic_generate(count=30, seed=5, batch_size=20)
    assert (summary.deleted_environments, summary.chunks_resumed) == (20, 0)
    assert synthetic_places().count() == 30


def test_scale_prints_the_database_size():
    assert "database size" in run_load_demo("--scale", "20")

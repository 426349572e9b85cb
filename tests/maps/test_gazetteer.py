"""The offline gazetteer on real Danish institutions, spellings and traps."""

import pytest

from maps.geocoding import AddressNotFound, geocode
from maps.geocoding.geography import distance_km, region_of
from tests.maps.addresses import INSTITUTIONS, MAX_KM

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("address", "municipality", "latitude", "longitude"), INSTITUTIONS)
def test_institution_address_lands_in_its_municipality_near_the_true_place(
    address, municipality, latitude, longitude
):
    result = geocode(address)

    assert result.municipality_code == municipality
    assert result.region_code == region_of(municipality)
    assert distance_km(latitude, longitude, result.latitude, result.longitude) <= MAX_KM
    assert result.source == "gazetteer"


def test_the_table_covers_all_five_regions_with_at_least_thirty_addresses():
    regions = {region_of(municipality) for _, municipality, _, _ in INSTITUTIONS}
    assert regions == {1081, 1082, 1083, 1084, 1085}
    assert len(INSTITUTIONS) >= 30


def test_street_address_with_postcode_resolves_to_the_postal_district():
    result = geocode("Moesgård Allé 15, 8270 Højbjerg")
    assert (result.precision, result.label, result.municipality_code) == ("postcode", "8270 Højbjerg", 751)


@pytest.mark.parametrize(
    ("query", "label", "municipality"),
    [
        ("2100", "2100 København Ø", 101),
        ("2100 København Ø", "2100 København Ø", 101),
        ("8000 Aarhus C", "8000 Aarhus C", 751),
        ("Højbjerg", "8270 Højbjerg", 751),
        ("Hoejbjerg", "8270 Højbjerg", 751),
        ("Nykøbing F", "4800 Nykøbing F", 376),
        ("Nykøbing M", "7900 Nykøbing M", 773),
        ("DK-5000 Odense C", "5000 Odense C", 461),
    ],
)
def test_postal_districts_and_bare_postcodes_resolve(query, label, municipality):
    result = geocode(query)
    assert (result.label, result.municipality_code, result.precision) == (label, municipality, "postcode")


@pytest.mark.parametrize("spelling", ["Aarhus", "Århus", "Arhus", "AARHUS", "  aarhus  "])
def test_every_spelling_of_aarhus_is_the_same_town(spelling):
    result = geocode(spelling)
    assert (result.municipality_code, result.precision) == (751, "town")
    assert distance_km(56.1567, 10.2108, result.latitude, result.longitude) < 3


@pytest.mark.parametrize("spelling", ["København", "Kobenhavn", "Koebenhavn", "Copenhagen", "Copenhague"])
def test_every_spelling_of_copenhagen_is_the_capital(spelling):
    result = geocode(spelling)
    assert result.municipality_code == 101
    assert distance_km(55.6761, 12.5683, result.latitude, result.longitude) < 3


def test_postcode_spanning_two_municipalities_picks_the_one_its_district_lies_in():
    # 2900 Hellerup lies in Gentofte and (a sliver) in København; Hellerup itself is Gentofte.
    assert geocode("Strandvejen 100, 2900 Hellerup").municipality_code == 157
    # 2770 Kastrup: Tårnby and København; Kastrup is in Tårnby.
    assert geocode("2770 Kastrup").municipality_code == 185


def test_a_repeated_town_name_means_the_larger_town_unless_the_postcode_says_otherwise():
    # There is a small Frederiksberg near Sorø; the name alone means Frederiksberg Kommune.
    assert geocode("Frederiksberg").municipality_code == 147
    assert geocode("Frederiksberg, 4180 Sorø").municipality_code == 340
    # Viby J (Aarhus) and Viby Sjælland (Roskilde).
    assert geocode("Viby J").municipality_code == 751
    assert geocode("Viby Sjælland").municipality_code == 265


def test_municipality_names_resolve_at_municipality_precision():
    result = geocode("Vesthimmerlands Kommune")
    assert (result.municipality_code, result.precision) == (820, "municipality")
    assert geocode("Københavns Kommune").municipality_code == 101


def test_town_after_street_without_postcode_resolves_to_the_town():
    result = geocode("Vestergade 5, Odense")
    assert (result.municipality_code, result.precision, result.label) == (461, "town", "Odense")


@pytest.mark.parametrize(
    "query",
    [
        "Den Gamle By",
        "Berlin, Germany",
        "10 Downing Street London",
        "'; DROP TABLE--",
        "<script>",
        "Roskilde, Sverige",
    ],
)
def test_text_that_names_no_danish_place_is_not_found(query):
    with pytest.raises(AddressNotFound) as raised:
        geocode(query)
    assert "Danmark" in str(raised.value)

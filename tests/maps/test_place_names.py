"""Names people type: Copenhagen's districts and short forms, and names that mean several places
or look like other names. Over the real gazetteer backend."""

import pytest

from maps.geocoding import AddressNotFound, geocode, geocode_candidates
from maps.geocoding.geography import distance_km

pytestmark = pytest.mark.django_db

# (what people type, municipality, a landmark in that part of town (lat, lng), how far the point may be)
COPENHAGEN = [
    ("Kbh", 101, (55.6761, 12.5683), 2),  # Rådhuspladsen
    ("Kbh.", 101, (55.6761, 12.5683), 2),
    ("Kbh. K", 101, (55.6794, 12.5770), 2),  # Kongens Nytorv area
    ("Kbh K", 101, (55.6794, 12.5770), 2),
    ("Kbh. NV", 101, (55.7090, 12.5310), 2),  # Bispebjerg
    ("København NV", 101, (55.7090, 12.5310), 2),
    ("Kbh Ø", 101, (55.6995, 12.5765), 2),  # Trianglen
    ("Nørrebro", 101, (55.6910, 12.5490), 2),  # Assistens Kirkegård
    ("Noerrebro", 101, (55.6910, 12.5490), 2),
    ("Østerbro", 101, (55.6995, 12.5765), 2),
    ("Oesterbro", 101, (55.6995, 12.5765), 2),
    ("Osterbro", 101, (55.6995, 12.5765), 2),
    ("Vesterbro", 101, (55.6675, 12.5465), 2),  # Enghave Plads
    ("Amager", 101, (55.6635, 12.6030), 3),  # Amagerbro station
    ("Amagerbro", 101, (55.6635, 12.6030), 2),
    ("Islands Brygge", 101, (55.6640, 12.5790), 2),
    ("Nordvest", 101, (55.7060, 12.5340), 2),  # Nordvestkvarteret
    ("Valby", 101, (55.6627, 12.5163), 2),  # Valby station
    ("Christianshavn", 101, (55.6727, 12.5937), 2),
    ("Sydhavnen", 101, (55.6520, 12.5380), 2),
    ("Frederiksberg C", 147, (55.6786, 12.5460), 2),  # Forum
    ("Kgs. Lyngby", 173, (55.7704, 12.5038), 2),
]


@pytest.mark.parametrize(("query", "municipality", "landmark", "max_km"), COPENHAGEN)
def test_copenhagens_districts_and_short_forms_resolve_inside_that_part_of_town(
    query, municipality, landmark, max_km
):
    result = geocode(query)
    assert result.municipality_code == municipality
    assert distance_km(*landmark, result.latitude, result.longitude) <= max_km
    assert not result.ambiguous


def test_places_are_labelled_in_danish_and_a_neighbourhood_with_its_postal_district():
    assert geocode("Kbh").label == geocode("Copenhagen").label == "København"
    assert geocode("Århus").label == "Aarhus"
    assert geocode("Kbh. NV").label == "2400 København NV"
    assert geocode("Nørrebro").label == "Nørrebro, 2200 København N"
    assert geocode("Gellerup").label == "Gellerup, 8220 Brabrand"


@pytest.mark.parametrize(
    ("query", "label"),
    [("Sdr. Omme", "7260 Sønder Omme"), ("Nr. Snede", "8766 Nørre Snede"), ("Lem St", "6940 Lem St")],
)
def test_abbreviated_place_names_resolve_and_a_district_named_with_one_keeps_its_name(query, label):
    assert geocode(query).label == label


def test_gellerup_and_gjellerup_are_not_swapped():
    gellerup, gjellerup = geocode("Gellerup"), geocode("Gjellerup")

    assert gellerup.municipality_code == 751  # the estate in Aarhus (Brabrand)
    assert distance_km(56.1520, 10.1330, gellerup.latitude, gellerup.longitude) < 2
    assert gjellerup.municipality_code == 657  # the village by Herning
    assert distance_km(56.1470, 9.0500, gjellerup.latitude, gjellerup.longitude) < 3
    assert not gellerup.ambiguous and not gjellerup.ambiguous


def test_the_candidates_for_a_name_offer_its_near_homonym_as_a_similar_name():
    candidates = geocode_candidates("Gellerup")

    assert (candidates[0].label, candidates[0].match) == ("Gellerup, 8220 Brabrand", "name")
    similar = {candidate.description: candidate.match for candidate in candidates[1:]}
    assert similar["Gjellerup (Herning Kommune)"] == "similar name"
    assert "Gellerup, 8220 Brabrand (Aarhus Kommune)" in {
        c.description for c in geocode_candidates("Gjellerup")
    }


def test_a_misspelling_is_not_found_but_names_the_places_it_resembles():
    with pytest.raises(AddressNotFound) as raised:
        geocode("Gelerup")

    described = [candidate.description for candidate in raised.value.candidates]
    assert described[:2] == ["Gellerup, 8220 Brabrand (Aarhus Kommune)", "Gjellerup (Herning Kommune)"]
    assert "Mente du" in str(raised.value) and "Gjellerup (Herning Kommune)" in str(raised.value)
    assert {candidate.match for candidate in geocode_candidates("Gelerup")} == {"similar name"}


def test_a_name_of_several_places_gives_the_likeliest_and_says_it_is_ambiguous():
    result = geocode("Frederiksberg")

    assert (result.municipality_code, result.ambiguous) == (147, True)
    assert result.source == "gazetteer (ambiguous)"
    places = [(c.municipality_name, c.match) for c in geocode_candidates("Frederiksberg")]
    assert places[:2] == [("Frederiksberg Kommune", "name"), ("Sorø Kommune", "name")]


def test_ambiguity_is_remembered_by_the_cache():
    geocode("Hasle")
    again = geocode("Hasle")

    assert again.from_cache and again.ambiguous
    assert {c.municipality_code for c in geocode_candidates("Hasle") if c.match == "name"} == {400, 751}


def test_a_postcode_settles_which_of_several_places_is_meant():
    assert not geocode("2000 Frederiksberg").ambiguous
    assert geocode("Frederiksberg, 4180 Sorø").municipality_code == 340
    assert [c.match for c in geocode_candidates("Hovedgaden 3, 4180 Sorø")] == ["postcode"]


def test_candidates_are_limited_and_bad_input_is_refused():
    assert len(geocode_candidates("Ejby", limit=2)) == 2
    assert geocode_candidates("Qwxzyville") == []
    with pytest.raises(AddressNotFound):
        geocode_candidates("   ")
    with pytest.raises(AddressNotFound):
        geocode_candidates("x" * 301)

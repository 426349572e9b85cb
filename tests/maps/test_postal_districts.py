"""Each postal district's point lies inside the district, over the real gazetteer tables."""

import csv
import itertools

import pytest

from maps.geocoding import geocode, reverse_municipality
from maps.geocoding.data import DATA_DIR, tables
from maps.geocoding.geography import distance_km

pytestmark = pytest.mark.django_db

# Guesses rather than places: the few districts still placed from neighbouring postcode numbers
# or (for whole-island municipalities, where the centre is on the island) the municipality's centre.
INTERPOLATED = ("neighbouring postcodes", "municipality centre")


def _postcode_rows() -> list[dict]:
    with (DATA_DIR / "postcodes.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


# (postcode, a landmark inside the district as (lat, lng), what it is, how far the point may be)
LANDMARKS = [
    ("8270", (56.0884, 10.2247), "Moesgaard Museum", 4),
    ("8270", (56.1170, 10.2080), "Højbjerg Torv", 2),
    ("8240", (56.1890, 10.2330), "Risskov centre", 2),
    ("8220", (56.1560, 10.1120), "Brabrand centre", 2),
    ("8250", (56.2120, 10.2760), "Egå", 2),
    ("6857", (55.5580, 8.0860), "Blåvand Fyr", 3),
    ("8592", (56.7160, 11.5110), "Anholt harbour", 5),
    ("8799", (55.9500, 10.4400), "Tunø church", 3),
    ("8305", (55.8320, 10.5960), "Tranebjerg, Samsø", 3),
    ("5772", (55.1767, 10.4894), "Egeskov Slot", 5),
    ("9220", (57.0150, 9.9870), "Aalborg University", 5),
    ("2200", (55.6910, 12.5490), "Assistens Kirkegård", 2),
    ("2100", (55.6995, 12.5765), "Trianglen", 2),
    ("2300", (55.6635, 12.6030), "Amagerbro station", 2),
    ("5230", (55.3685, 10.4279), "University of Southern Denmark", 2),
]


@pytest.mark.parametrize(("postcode", "landmark", "what", "max_km"), LANDMARKS)
def test_a_districts_point_lies_by_a_landmark_inside_it(postcode, landmark, what, max_km):
    result = geocode(postcode)
    assert distance_km(*landmark, result.latitude, result.longitude) <= max_km, what


@pytest.mark.parametrize(("postcode", "landmark", "what", "max_km"), LANDMARKS)
def test_the_postal_district_point_nearest_a_landmark_is_its_own_districts(postcode, landmark, what, max_km):
    """Inside its district, a point is nearer to the district's places than any other district's point."""
    districts = tables().postcodes.values()
    nearest = min(districts, key=lambda place: distance_km(*landmark, place.latitude, place.longitude))
    assert nearest.name == tables().postcodes[postcode].name, what


def test_hoejbjerg_is_no_longer_placed_at_aarhus_city_centre():
    hoejbjerg, aarhus = geocode("8270 Højbjerg"), geocode("8000 Aarhus C")
    assert distance_km(hoejbjerg.latitude, hoejbjerg.longitude, aarhus.latitude, aarhus.longitude) > 4


def test_two_districts_never_share_a_point():
    """A district placed on another's point (the old neighbouring-number and municipality-centre
    guesses put Agersø, Omø, Rude and Vemmelev on one spot) is outside itself."""
    cells: dict[tuple[int, int], list[dict]] = {}
    for row in _postcode_rows():
        if row["point_from"].startswith(INTERPOLATED):
            continue
        point = (float(row["latitude"]), float(row["longitude"]))
        cell = (int(point[0] // 0.01), int(point[1] // 0.01))  # ~1 km: a closer pair shares or touches a cell
        neighbours = itertools.product(range(cell[0] - 1, cell[0] + 2), range(cell[1] - 1, cell[1] + 2))
        for other in (other for near in neighbours for other in cells.get(near, ())):
            if other["name"] != row["name"]:  # København K has a hundred postcodes and one centre
                gap = distance_km(*point, float(other["latitude"]), float(other["longitude"]))
                assert gap > 0.2, (row["postcode"], row["name"], other["postcode"], other["name"])
        cells.setdefault(cell, []).append(row)


def test_only_a_handful_of_district_points_are_guesses():
    guessed = {row["postcode"] for row in _postcode_rows() if row["point_from"].startswith(INTERPOLATED)}
    # Fanø, Samsø and Læsø are whole-island municipalities: their centre is on the island.
    assert {"6720", "8305", "9940"} <= guessed
    assert len(guessed) <= 8


def test_every_district_point_is_in_denmark_and_in_one_of_its_municipalities():
    """The point votes for one of the district's own municipalities, never a neighbour's."""
    for row in _postcode_rows():
        point = (float(row["latitude"]), float(row["longitude"]))
        codes = {int(code) for code in row["municipality_codes"].split("|")}
        assert reverse_municipality(*point) in codes, (row["postcode"], row["name"])


@pytest.mark.parametrize(
    ("query", "municipality"),
    [("2200", 101), ("2300 København S", 101), ("2500 Valby", 101), ("2720 Vanløse", 101), ("2000", 147)],
)
def test_copenhagens_districts_are_in_koebenhavns_kommune(query, municipality):
    assert geocode(query).municipality_code == municipality


def test_a_pin_on_noerrebro_is_in_koebenhavn_not_frederiksberg():
    assert reverse_municipality(55.6940, 12.5500) == 101


def test_every_neighbourhood_lies_near_its_postal_district():
    data = tables()
    for places in data.neighbourhoods.values():
        for place in places:
            district = data.postcodes[place.label.split(", ")[-1].split()[0]]
            assert distance_km(place.latitude, place.longitude, district.latitude, district.longitude) < 5
            assert place.municipality_code == district.municipality_code

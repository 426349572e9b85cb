"""Reverse lookup (point -> municipality) and the Denmark test, on known points."""

import pytest

from maps.geocoding import in_denmark, reverse_municipality

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("place", "latitude", "longitude", "municipality"),
    [
        ("Moesgaard Museum", 56.0884, 10.2247, 751),
        ("Rådhuspladsen", 55.6759, 12.5691, 101),
        ("Frederiksberg Rådhus", 55.6785, 12.5316, 147),
        ("Experimentarium, Hellerup", 55.7286, 12.5790, 157),
        ("Odense Zoo", 55.3740, 10.3825, 461),
        ("Nordsøen Oceanarium", 57.5900, 9.9620, 860),
        ("Lindholm Høje", 57.0773, 9.9115, 851),
        ("Padborg, by the German border", 54.8265, 9.3617, 580),
        ("Gedser", 54.5750, 11.9300, 376),
        ("Skagen", 57.7209, 10.5839, 813),
        ("Christiansø", 55.3200, 15.1870, 400),
        ("Anholt", 56.7100, 11.5600, 707),
        ("Ærøskøbing", 54.8880, 10.4120, 492),
        ("Samsø, Tranebjerg", 55.8290, 10.5950, 741),
    ],
)
def test_known_point_is_assigned_its_municipality(place, latitude, longitude, municipality):
    assert reverse_municipality(latitude, longitude) == municipality, place


@pytest.mark.parametrize(
    ("place", "latitude", "longitude"),
    [
        ("Paris", 48.8, 2.3),
        ("Malmö, across Øresund", 55.6050, 13.0038),
        ("Helsingborg, across from Helsingør", 56.0465, 12.6945),
        ("Gothenburg", 57.7089, 11.9746),
        ("Flensburg", 54.7833, 9.4333),
        ("Sylt", 54.9000, 8.3000),
        ("Cape Arkona, Rügen", 54.6800, 13.4300),
        ("the North Sea", 56.0, 7.0),
        ("the South Pole", -90.0, 0.0),
    ],
)
def test_points_outside_denmark_have_no_municipality(place, latitude, longitude):
    assert not in_denmark(latitude, longitude), place
    assert reverse_municipality(latitude, longitude) is None


@pytest.mark.parametrize("value", [float("nan"), float("inf"), None, "abc"])
def test_non_numbers_are_not_in_denmark(value):
    assert in_denmark(value, 10.0) is False

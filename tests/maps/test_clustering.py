"""Grid clustering for the map, as pure functions."""

import pytest

from maps.clustering import SINGLE_PLACE_ZOOM, cell_index, cell_size_degrees, cluster_points

AARHUS_PLACES = [(56.1538, 10.1997), (56.0884, 10.2247), (56.1629, 10.2039)]
COPENHAGEN_PLACES = [(55.6726, 12.5214), (55.6749, 12.5747)]


def points(coordinates, start=0):
    return [(lat, lng, {"id": start + index}) for index, (lat, lng) in enumerate(coordinates)]


def test_cells_halve_with_every_zoom_level():
    assert cell_size_degrees(0) == 90.0
    for zoom in range(1, 20):
        assert cell_size_degrees(zoom) == pytest.approx(cell_size_degrees(zoom - 1) / 2)
    with pytest.raises(ValueError):
        cell_size_degrees(-1)


def test_a_point_falls_in_one_cell_and_neighbours_a_cell_apart_do_not_share_it():
    size = cell_size_degrees(8)
    x, y = cell_index(56.0, 10.0, 8)
    assert cell_index(56.0, 10.0 + size, 8) == (x + 1, y)
    assert cell_index(56.0 + size, 10.0, 8) == (x, y + 1)


def test_country_zoom_makes_one_cluster_per_city_with_count_and_mean_position():
    features = cluster_points(points(AARHUS_PLACES) + points(COPENHAGEN_PLACES, 10), zoom=6)
    clusters = sorted(
        (feature["properties"]["count"], feature["geometry"]["coordinates"]) for feature in features
    )
    assert [count for count, _ in clusters] == [2, 3]
    copenhagen_lng, copenhagen_lat = clusters[0][1]
    assert copenhagen_lat == pytest.approx((55.6726 + 55.6749) / 2, abs=1e-6)
    assert copenhagen_lng == pytest.approx((12.5214 + 12.5747) / 2, abs=1e-6)
    assert all(feature["properties"]["cluster"] for feature in features)


def test_a_lone_place_is_never_a_cluster():
    features = cluster_points(points([(57.0378, 9.8988)]), zoom=3)
    assert features == [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [9.8988, 57.0378]},
            "properties": {"cluster": False, "id": 0},
        }
    ]


def test_from_street_zoom_every_place_stands_alone_with_its_properties():
    features = cluster_points(points(AARHUS_PLACES + COPENHAGEN_PLACES), zoom=SINGLE_PLACE_ZOOM)
    assert sorted(feature["properties"]["id"] for feature in features) == [0, 1, 2, 3, 4]
    assert not any(feature["properties"]["cluster"] for feature in features)

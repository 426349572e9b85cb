"""The new municipality and search texts read in English at /en/."""

import pytest

from maps.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_municipality_pages_and_an_empty_search_are_in_english(client):
    aarhus = Municipality.objects.get(code=751)
    factories.OfferFactory(title="Frøer", environments=[factories.EnvironmentFactory(municipality=aarhus)])
    listing = client.get("/en/kommuner/").content.decode()
    assert "<h1>Municipalities</h1>" in listing and "1 place" in listing
    page = client.get("/en/kommuner/aarhus/").content.decode()
    assert "Embed code" in page and "(Region Midtjylland)" in page
    empty = client.get("/en/", {"near": "9990 Skagen", "q": "Frøer", "radius": "5"}).content.decode()
    assert "No offers within 5 km match the filters." in empty
    assert "Search within 500 km" not in empty and "Search within 200 km" in empty

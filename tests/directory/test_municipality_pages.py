"""The municipality catalogues: /kommuner/ lists all 98 with counts, each municipality page
is reachable from the front page, offers and places, and can be embedded on another site."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Offer
from maps.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield


@pytest.fixture
def aarhus_museum():
    aarhus = Municipality.objects.get(code=751)
    place = factories.EnvironmentFactory(name="Museet", slug="museet", municipality=aarhus)
    offers = [
        factories.OfferFactory(title="Frøer", slug="froeer", environments=[place]),
        factories.OfferFactory(title="Vikinger", environments=[place]),
        factories.OfferFactory(title="Kladde", environments=[place], status=Offer.Status.DRAFT),
    ]
    return place, offers


def test_the_municipality_list_shows_all_98_by_region_with_their_counts(client, aarhus_museum):
    response = client.get("/kommuner/")
    assert response.status_code == 200
    html = response.content.decode()
    links = re.findall(r'<li><a href="/kommuner/([a-z0-9-]+)/">', html)
    assert len(links) == 98 == Municipality.objects.count()
    aarhus = re.search(r'href="/kommuner/aarhus/">Aarhus</a>\s*<span[^>]*>([^<]*)</span>', html).group(1)
    assert "2 tilbud" in aarhus and "1 sted" in aarhus  # the draft is not counted
    for region in ["Region Nordjylland", "Region Midtjylland", "Region Syddanmark", "Region Hovedstaden"]:
        assert f">{region}</h2>" in html


def test_every_page_links_to_the_municipality_list_and_offers_and_places_to_their_municipality(
    client, aarhus_museum
):
    place, offers = aarhus_museum
    assert 'href="/kommuner/"' in client.get("/").content.decode()
    offer_page = client.get(reverse("directory:offer_detail", args=[offers[0].slug])).content.decode()
    assert 'href="/kommuner/aarhus/">Alle tilbud i Aarhus</a>' in offer_page
    place_page = client.get(reverse("directory:environment_detail", args=[place.slug])).content.decode()
    assert 'href="/kommuner/aarhus/"' in place_page


def test_the_municipality_page_names_its_region_once(client, aarhus_museum):
    html = client.get("/kommuner/aarhus/").content.decode()
    assert "(Region Midtjylland)" in html
    assert "Region Region" not in html


def test_the_municipality_page_offers_an_embed_snippet_for_its_catalogue(client, aarhus_museum):
    html = client.get("/kommuner/aarhus/").content.decode()
    snippet = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "&lt;iframe src=&quot;http://testserver/kommuner/aarhus/indlejret/&quot;" in snippet
    assert "title=&quot;Undervisning i Aarhus&quot;" in snippet


def test_the_embedded_catalogue_may_be_framed_by_other_sites_and_nothing_else_may(client, aarhus_museum):
    embedded = client.get("/kommuner/aarhus/indlejret/")
    assert embedded.status_code == 200
    assert "X-Frame-Options" not in embedded.headers
    assert embedded.headers["Content-Security-Policy"] == "frame-ancestors *"
    html = embedded.content.decode()
    assert "Frøer" in html and "Vikinger" in html and "Kladde" not in html
    assert 'class="site-header"' not in html  # its own minimal layout
    assert client.get("/kommuner/aarhus/").headers["X-Frame-Options"] == "DENY"


def test_the_embedded_catalogue_takes_the_search_filters_and_names_a_wrong_one(client, aarhus_museum):
    response = client.get("/kommuner/aarhus/indlejret/", {"q": "Frøer"})
    html = response.content.decode()
    assert "Frøer" in html and "Vikinger" not in html
    wrong = client.get("/kommuner/aarhus/indlejret/", {"grade": "ukendt"})
    assert wrong.status_code == 400
    assert "Klassetrin" in wrong.content.decode()


def test_an_unknown_municipality_is_404_for_the_embed_too(client):
    assert client.get("/kommuner/atlantis/indlejret/").status_code == 404


def test_the_municipality_page_groups_its_offers_by_subject_with_links_to_the_search(client, aarhus_museum):
    html = client.get("/kommuner/aarhus/").content.decode()
    links = re.findall(r'href="/\?municipality=751&amp;subject=([a-z-]+)">([^<]+)</a>', html)
    assert links, html
    total = sum(int(re.search(r"\((\d+)\)", text).group(1)) for _slug, text in links)
    assert total >= 2  # each published offer counted under each of its subjects

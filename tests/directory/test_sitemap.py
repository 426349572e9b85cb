"""sitemap.xml lists every public page and nothing private; robots.txt points at it; a
missing page answers 404 in Danish inside the site's layout."""

import pytest

from directory.models import LearningEnvironment, Offer
from tests import factories

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_offers_active_places_and_municipalities_but_no_drafts(client):
    place = factories.EnvironmentFactory(name="Den Gamle By", slug="den-gamle-by")
    archived = factories.EnvironmentFactory(
        name="Gammelt lager", slug="gammelt-lager", status=LearningEnvironment.Status.ARCHIVED
    )
    published = factories.OfferFactory(title="Købmandsbutikken 1927", slug="koebmand", environments=[place])
    draft = factories.OfferFactory(
        title="Hemmeligt udkast", slug="hemmeligt-udkast", status=Offer.Status.DRAFT, environments=[place]
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert published.get_absolute_url() in xml
    assert place.get_absolute_url() in xml
    assert "/kommuner/aarhus/" in xml and "/kommuner/koebenhavn/" in xml
    assert place.organisation.get_absolute_url() in xml
    assert draft.slug not in xml
    assert archived.slug not in xml


def test_robots_txt_keeps_crawlers_out_of_member_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /medlem/" in text
    assert "/sitemap.xml" in text


def test_a_missing_page_answers_404_in_danish(client):
    response = client.get("/tilbud/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()

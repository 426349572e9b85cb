"""Pages load their scripts and styles from our own static files: no CDN at run time."""

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
LOADED_LINK = re.compile(r"\brel=\"(?:stylesheet|icon|preload|modulepreload)\"", re.IGNORECASE)
HREF = re.compile(r"\bhref=\"([^\"]+)\"", re.IGNORECASE)


def external_assets(html: str) -> list[str]:
    """Script sources and loaded links (styles, icons, preloads) on another host.
    Canonical and alternate links name our own public URL and load nothing."""
    urls = SCRIPT.findall(html)
    for tag in LINK.findall(html):
        if LOADED_LINK.search(tag) and (href := HREF.search(tag)):
            urls.append(href.group(1))
    return [url for url in urls if url.startswith(("http:", "https:", "//"))]


def test_the_api_docs_serve_swagger_ui_from_the_installed_package(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert external_assets(html) == []


def test_public_pages_load_no_third_party_assets(client):
    place = factories.EnvironmentFactory(name="Naturhistorisk Museum", slug="naturhistorisk-museum")
    offer = factories.OfferFactory(title="Dyr i byen", slug="dyr-i-byen", environments=[place])
    for path in ["/", "/?near=8000&subject=biologi", offer.get_absolute_url(), place.get_absolute_url()]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert external_assets(response.content.decode()) == [], path

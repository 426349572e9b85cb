"""The municipality catalogues and the coverage table in a real Chromium: no page scrolls
sideways at desktop or phone size, the coverage cells link to their offers, the embedded
catalogue shows inside another site's iframe."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from directory.models import Grade, Subject
from maps.models import Municipality
from network.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "korrekt-hest-batteri-42"
VIEWPORTS = [{"width": 1280, "height": 800}, {"width": 375, "height": 740}]


@pytest.fixture
def aarhus_world(live_server):
    aarhus = Municipality.objects.get(code=751)
    service = factories.OrganisationFactory(
        name="Åben Skole Aarhus", slug="aaben-skole-aarhus", kind="kommune", municipality=aarhus
    )
    admin = factories.UserFactory(email="kommune@aarhus.dk")
    Membership.objects.create(user=admin, organisation=service, role=Membership.Role.ADMIN)
    place = factories.EnvironmentFactory(
        name="Naturhistorisk Museum", latitude=56.1629, longitude=10.2039, municipality=aarhus
    )
    biology = Subject.objects.get(slug="biologi")
    factories.OfferFactory(
        title="Dyr i byen", subjects=[biology], environments=[place],
        grade_from=Grade.objects.get(slug="4-klasse"), grade_to=Grade.objects.get(slug="6-klasse"),
    )  # fmt: skip
    return admin


def new_page(browser, live_server, viewport, locale="da-DK"):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale=locale)
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def log_in(page, email):
    page.goto("/medlem/log-ind/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
def test_the_coverage_page_never_scrolls_sideways_and_its_cells_link_to_the_offers(
    browser, live_server, aarhus_world, viewport
):
    context, page = new_page(browser, live_server, viewport)
    log_in(page, aarhus_world.email)
    page.goto("/medlem/kommune/751/")
    assert page_width(page) <= viewport["width"]
    legend = page.get_by_role("list", name="Farveskala")
    expect(legend).to_be_visible()
    cell = page.get_by_role("link", name="1 tilbud i Biologi, 5. klasse")
    cell.scroll_into_view_if_needed()
    colour = cell.evaluate("link => getComputedStyle(link.closest('td')).backgroundColor")
    gap = page.locator("#coverage td.gap").first.evaluate("cell => getComputedStyle(cell).backgroundColor")
    assert colour != gap
    cell.click()
    expect(page.locator("#result-list .result h3")).to_have_text(["Dyr i byen"])
    context.close()


def test_the_coverage_headings_are_translated_in_english(browser, live_server, aarhus_world):
    context, page = new_page(browser, live_server, VIEWPORTS[0], locale="en-GB")
    log_in(page, aarhus_world.email)
    page.goto("/en/medlem/kommune/751/")
    headers = page.locator("#coverage thead th").all_inner_texts()
    assert "Year 5" in [header.strip() for header in headers], headers
    rows = page.locator("#coverage tbody th").all_inner_texts()
    assert "Biology" in rows, rows
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["/kommuner/", "/kommuner/aarhus/", "/kommuner/aarhus/indlejret/"])
def test_the_municipality_pages_never_scroll_sideways(browser, live_server, aarhus_world, viewport, path):
    context, page = new_page(browser, live_server, viewport)
    page.goto(path)
    assert page_width(page) <= viewport["width"]
    context.close()


def test_the_embedded_catalogue_shows_inside_another_sites_iframe(browser, live_server, aarhus_world):
    context, page = new_page(browser, live_server, VIEWPORTS[0])
    page.goto("/kommuner/aarhus/")
    snippet = page.get_by_label("Kode til indlejring").input_value()
    # Another site: a real HTTP server on its own port (another origin) serving only the snippet.
    body = f"<!doctype html><html lang='da'><title>Kommune</title>{snippet}</html>".encode()

    class OtherSite(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/aaben-skole")
        frame = page.frame_locator("iframe")
        expect(frame.get_by_role("heading", level=1)).to_have_text("Undervisning i Aarhus")
        expect(frame.get_by_role("link", name="Dyr i byen")).to_be_visible()
    finally:
        server.shutdown()
        context.close()

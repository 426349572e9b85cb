"""The teachers' site in a real Chromium: search, map, popups, language, accessibility."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from directory.models import Grade, Subject
from maps.models import Municipality
from tests import factories

# Transactional: the live server reads from another thread (conftest re-syncs reference data).
pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def aarhus_offers(live_server):
    """Three biology offers for 5th grade around Aarhus C (each at its own place, far
    enough apart to stay single markers), one in Skagen, and one for other subjects."""
    aarhus = Municipality.objects.get(code=751)
    biology = Subject.objects.get(slug="biologi")
    history = Subject.objects.get(slug="historie")
    grade_from, grade_to = Grade.objects.get(slug="4-klasse"), Grade.objects.get(slug="6-klasse")

    def offer(title, place_name, latitude, longitude, subjects, organisation=None, municipality=aarhus):
        organisation = organisation or factories.OrganisationFactory(name=f"{place_name} (udbyder)")
        place = factories.EnvironmentFactory(
            organisation=organisation,
            name=place_name,
            latitude=latitude,
            longitude=longitude,
            municipality=municipality,
        )
        return factories.OfferFactory(
            organisation=organisation,
            title=title,
            subjects=subjects,
            grade_from=grade_from,
            grade_to=grade_to,
            environments=[place],
        )

    hostile = factories.OrganisationFactory(name=HOSTILE, slug="hostile")
    offers = {
        "museum": offer("Dyr i byen", "Naturhistorisk Museum", 56.1629, 10.2039, [biology]),
        "forest": offer("Livet i skovbunden", "Skovskolen", 56.2300, 10.1200, [biology]),
        "hostile": offer("Havets dyr", "Havlaboratoriet", 56.0900, 10.2900, [biology], organisation=hostile),
        "history": offer("Vikingerne", "Vikingemuseet", 56.1560, 10.2100, [history]),
        "skagen": offer(
            "Klitternes dyr", "Skagen Naturcenter", 57.7200, 10.5800, [biology],
            municipality=Municipality.objects.get(code=813),
        ),
    }  # fmt: skip
    return offers


def wait_for_markers(page):
    page.wait_for_function("document.getElementById('search-map').dataset.markers !== undefined")


def result_titles(page) -> list[str]:
    return page.locator("#result-list .result h3").all_inner_texts()


def test_search_by_postcode_subject_and_grade_lists_nearby_offers_nearest_first_with_a_marker_each(
    page, aarhus_offers
):
    page.goto("/")
    page.get_by_label("Sted", exact=True).fill("8000 Aarhus C")
    page.get_by_label("Fag eller tema").select_option("biologi")
    page.get_by_label("Klassetrin").select_option("5-klasse")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.locator("#results-summary")).to_contain_text("3 tilbud")
    assert result_titles(page) == ["Dyr i byen", "Havets dyr", "Livet i skovbunden"]
    assert "near=8000+Aarhus+C" in page.url and "subject=biologi" in page.url
    page.wait_for_function("document.getElementById('search-map').dataset.markers === '3'")
    for name in ["Naturhistorisk Museum", "Skovskolen", "Havlaboratoriet"]:
        expect(page.get_by_role("button", name=name)).to_be_visible()


def test_the_same_search_works_without_javascript(browser, live_server, aarhus_offers):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Sted", exact=True).fill("8000")
    page.get_by_label("Fag eller tema").select_option("biologi")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.locator("#results-summary")).to_contain_text("3 tilbud")
    assert result_titles(page)[0] == "Dyr i byen"
    context.close()


def test_clicking_a_marker_opens_its_popup_and_the_link_reaches_the_detail_page(
    page, live_server, aarhus_offers
):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    page.get_by_role("button", name="Skovskolen").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Skovskolen (udbyder)")
    expect(page.locator('.result[data-environment="skovskolen"]')).to_have_class("result is-highlighted")
    popup.get_by_role("link", name="Skovskolen").click()
    expect(page).to_have_url(f"{live_server.url}/steder/skovskolen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skovskolen")


def test_a_marker_opens_from_the_keyboard(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    marker = page.get_by_role("button", name="Naturhistorisk Museum")
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Naturhistorisk Museum (udbyder)")


def test_moving_the_map_searches_the_visible_area_and_updates_the_list(page, aarhus_offers):
    page.goto("/?bbox=10.19,56.15,10.22,56.17&subject=biologi")
    assert result_titles(page) == ["Dyr i byen"]
    wait_for_markers(page)
    page.locator("#search-map").scroll_into_view_if_needed()
    box = page.locator("#search-map").bounding_box()
    # Grab the map away from the marker in the middle, and pull it up and to the right.
    start_x, start_y = box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.75
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 60, start_y - 60, steps=8)
    page.mouse.up()
    expect(page.locator("#results-summary")).to_contain_text("i kortets område")
    # Zoom out step by step until the view holds more than the first offer (how many steps
    # depends on the map's size in the layout); each step is a new area search that ends by
    # updating the URL.
    for _ in range(6):
        before = page.url
        page.get_by_role("button", name="Zoom ud").click()
        page.wait_for_function("previous => window.location.href !== previous", arg=before)
        bbox = parse_qs(urlsplit(page.url).query)["bbox"][0]
        min_lng, min_lat, max_lng, max_lat = map(float, bbox.split(","))
        expected = sorted(
            offer.title
            for key, offer in aarhus_offers.items()
            if key != "history"
            for place in offer.environments.all()
            if min_lng <= place.longitude <= max_lng and min_lat <= place.latitude <= max_lat
        )
        if expected != ["Dyr i byen"]:
            break
    assert expected != ["Dyr i byen"], "the map view should have grown beyond the first box"
    assert result_titles(page) == expected


def test_a_provider_name_with_html_shows_as_text_in_the_popup_and_the_list(page, aarhus_offers):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    expect(page.locator('.result[data-environment="havlaboratoriet"]')).to_contain_text(HOSTILE)
    page.get_by_role("button", name="Havlaboratoriet").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(HOSTILE)
    assert popup.locator("img").count() == 0
    assert page.locator("main img[src='x']").count() == 0
    assert dialogs == []


def test_the_language_switch_shows_the_page_in_english_and_back(page, live_server, aarhus_offers):
    page.goto("/?subject=biologi")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/?subject=biologi")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find teaching outside the school")
    page.get_by_role("button", name="Dansk").click()
    expect(page).to_have_url(f"{live_server.url}/?subject=biologi")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find undervisning uden for skolen")


@pytest.mark.parametrize(
    "path",
    [
        "/?near=8000&subject=biologi",
        "/?radius=abc&grade=x",
        "/tilbud/dyr-i-byen/",
        "/steder/naturhistorisk-museum/",
        "/organisationer/hostile/",
        "/kommuner/aarhus/",
        "/kommuner/",
        "/kommuner/aarhus/indlejret/",
        "/?near=9990+Skagen&subject=biologi&radius=5",
        "/en/?near=8000",
    ],
)
def test_axe_finds_no_accessibility_violations(page, aarhus_offers, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_screenshots_of_the_search_page_on_desktop_and_phone(
    browser, live_server, aarhus_offers, artifacts_dir
):
    for name, viewport in [
        ("desktop", {"width": 1280, "height": 800}),
        ("phone", {"width": 360, "height": 740}),
    ]:
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="da-DK")
        context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
        page = context.new_page()
        page.goto("/?near=8000+Aarhus+C&subject=biologi&grade=5-klasse")
        wait_for_markers(page)
        path = artifacts_dir / f"search-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        # Nothing sticks out sideways on a phone: the page is as wide as the viewport.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()

"""The search page's map with the keyboard and a screen reader (WCAG 2.1 AA), and a search
that finds nothing: it says why and offers ways forward."""

import pytest
from playwright.sync_api import expect

from directory.models import Grade, Subject
from maps.models import Municipality
from tests import factories
from tests.browser.test_search_page import aarhus_offers, result_titles, wait_for_markers

pytestmark = pytest.mark.django_db(transaction=True)

__all__ = ["aarhus_offers"]  # the fixture, shared with the search page's tests

FOCUSED = """() => {
  const node = document.activeElement;
  if (node.closest('.leaflet-marker-icon')) return 'marker:' + node.getAttribute('aria-label');
  if (node.closest('.result')) return 'result:' + node.closest('.result').dataset.offer;
  return node.tagName + ':' + (node.id || node.textContent.trim().slice(0, 30));
}"""


def tab_stops(page, count: int) -> list[str]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def focus_search_button(page):
    page.get_by_role("button", name="Søg", exact=True).focus()


def test_the_results_come_before_the_markers_in_the_tab_order(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    focus_search_button(page)
    stops = tab_stops(page, 25)
    first_result = next(i for i, stop in enumerate(stops) if stop.startswith("result:"))
    first_marker = next(i for i, stop in enumerate(stops) if stop.startswith("marker:"))
    assert first_result < first_marker, stops
    assert not any(stop.startswith("result:") for stop in stops[first_marker:]), stops


def test_a_skip_link_jumps_past_the_map(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    skip = page.get_by_role("link", name="Spring kortet over")
    skip.focus()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "after-map"
    page.keyboard.press("Shift+Tab")
    # Backwards from past the map lands on the map's last control, not inside the list.
    assert page.evaluate("document.activeElement.closest('#results-map') !== null")


def test_tabbing_through_the_whole_page_never_moves_the_map_or_changes_the_results(page, aarhus_offers):
    url = "/?bbox=10.19,56.15,10.22,56.17&subject=biologi"
    page.goto(url)
    wait_for_markers(page)
    west, south, east, north = map(float, page.locator("#search-map").get_attribute("data-bbox").split(","))
    # A place just east of the view: its marker is loaded (the map reads a margin) but unseen.
    aarhus, biology = Municipality.objects.get(code=751), Subject.objects.get(slug="biologi")
    place = factories.EnvironmentFactory(
        name="Lige uden for", latitude=(south + north) / 2, longitude=east + (east - west) * 0.1,
        municipality=aarhus,
    )  # fmt: skip
    factories.OfferFactory(
        organisation=place.organisation, title="Uden for synet", subjects=[biology],
        grade_from=Grade.objects.get(slug="4-klasse"), grade_to=Grade.objects.get(slug="6-klasse"),
        environments=[place],
    )  # fmt: skip
    page.goto(url)
    wait_for_markers(page)
    page.wait_for_function("document.querySelector('[aria-label=\"Lige uden for\"]') !== null")
    searches = []
    page.on("request", lambda request: "/api/v1/offers/" in request.url and searches.append(request.url))
    before = (page.url, result_titles(page), page.locator("#search-map").get_attribute("data-bbox"))
    page.locator("#result-list a").first.focus()
    stops = tab_stops(page, 30)
    page.wait_for_timeout(500)
    after = (page.url, result_titles(page), page.locator("#search-map").get_attribute("data-bbox"))
    assert after == before, stops
    assert searches == []
    assert "marker:Lige uden for" not in stops


def test_a_marker_popup_is_a_dialog_that_takes_focus_and_gives_it_back_on_escape(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    marker = page.get_by_role("button", name="Skovskolen")
    marker.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Skovskolen")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    # Tab stays on the popup's own links before leaving it.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.leaflet-popup') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(marker).to_be_focused()


def test_show_on_map_from_a_result_opens_its_place_and_escape_returns_to_the_button(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    button = page.get_by_role("button", name="Vis på kort: Livet i skovbunden")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Skovskolen")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("link", name="Livet i skovbunden")).to_be_visible()
    assert page.evaluate("document.activeElement.closest('[role=dialog]') !== null")
    page.keyboard.press("Escape")
    expect(button).to_be_focused()


def test_the_list_says_how_many_results_are_shown_and_why(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi&grade=5-klasse")
    summary = page.locator("#results-summary")
    expect(summary).to_contain_text("3 tilbud")
    expect(summary).to_contain_text("inden for 25 km fra 8000 Aarhus C")
    expect(summary).to_contain_text("Biologi")
    expect(summary).to_contain_text("5. klasse")
    server_text = summary.inner_text()
    # The same search run by the script (from the form) says the same things.
    page.get_by_label("Afstand").select_option("50")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(summary).to_contain_text("inden for 50 km fra 8000 Aarhus C")
    for part in ("Biologi", "5. klasse"):
        assert part in server_text and part in summary.inner_text()


def test_the_searched_point_is_marked_on_the_map(page, aarhus_offers):
    page.goto("/?near=8000&subject=biologi")
    wait_for_markers(page)
    expect(page.locator(".leaflet-marker-icon.search-point")).to_have_count(1)
    expect(page.locator(".map-legend")).to_contain_text("Søgepunkt: 8000 Aarhus C")


def test_without_javascript_there_is_no_empty_map_box(browser, live_server, aarhus_offers):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/?near=8000&subject=biologi")
    expect(page.locator("#search-map")).to_be_hidden()
    assert len(result_titles(page)) == 3
    context.close()


def test_a_search_that_finds_nothing_says_why_and_offers_the_nearest_beyond_the_radius(page, aarhus_offers):
    page.goto("/")
    page.get_by_label("Sted", exact=True).fill("9990 Skagen")
    page.get_by_label("Fag eller tema").select_option("historie")
    page.get_by_label("Afstand").select_option("25")
    page.get_by_role("button", name="Søg", exact=True).click()
    no_results = page.locator("#no-results")
    expect(no_results).to_contain_text("Ingen tilbud inden for 25 km")
    nearest = no_results.locator(".nearest-offers li")
    expect(nearest.first).to_contain_text("Vikingerne")
    expect(nearest.first).to_contain_text("km væk")
    wider = no_results.get_by_role("link", name="Søg inden for 200 km")
    expect(wider).to_be_visible()
    wider.click()
    assert result_titles(page) == ["Vikingerne"]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 740}])
def test_the_keyword_field_is_visible_on_the_first_screen(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="da-DK")
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    page.goto("/")
    keyword = page.get_by_label("Søgeord")
    expect(keyword).to_be_visible()
    box = keyword.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()

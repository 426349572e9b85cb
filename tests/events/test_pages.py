"""The public event pages, the calendar files and the API: filters, escaping, what stays private."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from network.events.models import Event
from tests import factories
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(knowledge_centre, zoo_place, copenhagen):
    odense_place = factories.EnvironmentFactory(
        name="Naturskolen Odense", latitude=55.3959, longitude=10.3883, postcode="5000", city="Odense C",
        municipality=factories.Municipality.objects.get(code=461),
    )  # fmt: skip
    now = timezone.now()
    return {
        "aarhus": EventFactory(title="Udeskole i Aarhus", organiser=knowledge_centre, venue=zoo_place),
        "odense": EventFactory(
            title="Konference i Odense",
            kind=Event.Kind.CONFERENCE,
            organiser=knowledge_centre,
            venue=odense_place,
            starts_at=now + timedelta(days=60),
        ),  # fmt: skip
        "webinar": EventFactory(
            title="Webinar om læreplaner",
            kind=Event.Kind.WEBINAR,
            organiser=knowledge_centre,
            venue=None,
            is_online=True,
            online_url="https://moede.example.dk/hemmeligt-rum",
        ),  # fmt: skip
        "past": EventFactory(
            title="Sidste års temadag",
            organiser=knowledge_centre,
            venue=zoo_place,
            starts_at=now - timedelta(days=300),
        ),  # fmt: skip
        "draft": EventFactory(
            title="Hemmelig kladde", organiser=knowledge_centre, venue=zoo_place, status=Event.Status.DRAFT
        ),  # fmt: skip
    }


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def test_the_list_shows_upcoming_published_events_soonest_first(client, programme):
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    assert titles(response) == ["Udeskole i Aarhus", "Webinar om læreplaner", "Konference i Odense"]
    assert "Hemmelig kladde" not in response.content.decode()


def test_the_list_filters_by_kind_region_month_and_past(client, programme):
    assert titles(client.get("/arrangementer/?kind=konference")) == ["Konference i Odense"]
    assert titles(client.get("/arrangementer/?region=1083")) == ["Konference i Odense"]
    month = programme["odense"].starts_at.strftime("%Y-%m")
    assert "Konference i Odense" in titles(client.get(f"/arrangementer/?month={month}"))
    assert titles(client.get("/arrangementer/?when=past")) == ["Sidste års temadag"]


def test_near_a_town_finds_events_at_places_within_the_radius(client, programme):
    assert titles(client.get("/arrangementer/?near=5000&radius=30")) == ["Konference i Odense"]
    nearby = titles(client.get("/arrangementer/?near=8000&radius=30"))
    assert nearby == ["Udeskole i Aarhus"]


def test_bad_filters_are_errors_next_to_their_fields(client, programme):
    response = client.get("/arrangementer/?month=sidste-uge&kind=fest&radius=-4")
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"month", "kind", "radius"}


def test_the_map_data_is_json_and_names_only_located_events(client, programme):
    content = client.get(reverse("events:list")).content.decode()
    data = json.loads(
        re.search(r'<script id="places-data" type="application/json">(.*?)</script>', content).group(1)
    )
    assert {marker["name"] for marker in data} == {"Udeskole i Aarhus", "Konference i Odense"}


def test_the_detail_page_has_escaped_json_ld_event(client, knowledge_centre, zoo_place):
    event = EventFactory(title="</script><script>alert(1)</script>", slug="fjendtlig", organiser=knowledge_centre,
                         venue=zoo_place)  # fmt: skip
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "EducationEvent" and data["name"] == event.title
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["name"] == "Zoo-skolen"
    assert data["startDate"] == event.starts_at.isoformat()


def test_a_draft_is_not_public_anywhere(client, programme):
    draft = programme["draft"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:ics", args=[draft.slug])).status_code == 404
    assert client.get(f"/api/v1/events/{draft.slug}/").status_code == 404


def test_the_online_link_is_kept_for_registered_participants(client, programme):
    webinar = programme["webinar"]
    secret = "hemmeligt-rum"
    assert secret not in client.get(webinar.get_absolute_url()).content.decode()
    assert secret not in client.get(reverse("events:ics", args=[webinar.slug])).content.decode()
    assert secret not in client.get(reverse("events:feed")).content.decode()
    assert secret not in client.get("/api/v1/events/").content.decode()


def test_the_calendar_feed_and_an_event_file_are_valid_icalendar(client, programme):
    response = client.get(reverse("events:feed"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    assert summaries == {"Udeskole i Aarhus", "Konference i Odense", "Webinar om læreplaner"}
    single = Calendar.from_ical(client.get(reverse("events:ics", args=[programme["odense"].slug])).content)
    [component] = single.walk("VEVENT")
    assert component.decoded("dtstart") == programme["odense"].starts_at.replace(microsecond=0)
    assert str(component["location"]).startswith("Naturskolen Odense")


def test_the_api_lists_events_with_the_page_filters(client, programme):
    data = client.get("/api/v1/events/?kind=webinar").json()
    assert data["count"] == 1
    [row] = data["results"]
    assert row["title"] == "Webinar om læreplaner" and row["venue"] is None and row["is_online"] is True
    detail = client.get(f"/api/v1/events/{programme['odense'].slug}/").json()
    assert detail["venue"]["name"] == "Naturskolen Odense" and detail["kind"] == "konference"


def test_the_api_names_a_bad_parameter(client, programme):
    response = client.get("/api/v1/events/?month=13-2026")
    assert response.status_code == 400
    assert "month" in response.json()["errors"]


def test_the_openapi_schema_describes_the_event_operations(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/events/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"kind", "region", "month", "near", "radius", "when"} <= parameters
    assert "/api/v1/events/{slug}/" in schema["paths"]


def test_end_before_start_is_refused_by_the_database(knowledge_centre, zoo_place):
    from django.db import IntegrityError, transaction

    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(title="Baglæns", slug="baglaens", organiser=knowledge_centre, venue=zoo_place,
                             starts_at=now, ends_at=now - timedelta(hours=1))  # fmt: skip


def test_the_event_pages_speak_english_under_en(client, programme):
    content = client.get("/en/arrangementer/").content.decode()
    assert "Upcoming events" in content and "Conference" in content
    detail = client.get(f"/en/arrangementer/{programme['aarhus'].slug}/").content.decode()
    assert "Add to calendar (.ics)" in detail and "Register" in detail

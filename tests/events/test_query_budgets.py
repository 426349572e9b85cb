"""Query budgets: each list reads a fixed number of statements whether it shows 5 rows or 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network.knowledge.models import Article
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_events(count: int, organiser, venue) -> None:
    for number in range(count):
        EventFactory(
            title=f"Arrangement {organiser.pk}-{venue.pk}-{number}", organiser=organiser, venue=venue
        )


@pytest.mark.parametrize("rows", [5, 50])
def test_the_event_list_page_and_the_api_list_read_a_fixed_number_of_statements(
    client, knowledge_centre, zoo_place, rows, django_assert_num_queries
):
    make_events(rows, knowledge_centre, zoo_place)
    # Both validate the one filter form (the regions, one statement), then read the events with their
    # venue, region and organiser in one statement; nothing per row.
    with django_assert_num_queries(2):
        assert len(client.get(reverse("events:list")).context["events"]) == rows
    with django_assert_num_queries(2):
        assert client.get("/api/v1/events/?page_size=100").json()["count"] == rows


@pytest.mark.parametrize("rows", [5, 50])
def test_the_participants_page_reads_a_fixed_number_of_statements(
    client, coordinator, theme_day, rows, django_assert_num_queries
):
    theme_day.capacity = None
    theme_day.save()
    for number in range(rows):
        RegistrationFactory(event=theme_day, email=f"p{number}@skole.dk")
    client.force_login(coordinator)
    url = reverse("event_members:participants", args=[theme_day.pk])
    client.get(url)  # warm the session and user
    with django_assert_num_queries(4):  # session, user, the event, its registrations
        client.get(url)


@pytest.mark.parametrize("rows", [5, 50])
def test_the_news_list_reads_a_fixed_number_of_statements(client, rows, django_assert_num_queries):
    for number in range(rows):
        Article.objects.create(title=f"Nyhed {number}", slug=f"nyhed-{number}", is_published=True,
                               published_at=timezone.now())  # fmt: skip
    with django_assert_num_queries(1):
        client.get(reverse("knowledge:news"))

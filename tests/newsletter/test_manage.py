"""Managing a subscription without logging in: the links in the e-mails are the key."""

import pytest
from django.urls import reverse

from network.newsletter import tokens
from network.newsletter.models import DigestSending, Subscriber, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    from django.utils import timezone

    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email="laerer@skole.dk",
        status=Subscriber.Status.ACTIVE,
        confirmed_at=now,
        consented_at=now,
        consent_text="Ja tak. Jeg kan afmelde mig med ét klik.",
    )
    Subscription.objects.create(subscriber=subscriber, filters="subject=biologi", confirmed_at=now)
    Subscription.objects.create(subscriber=subscriber, filters="subject=historie", confirmed_at=now)
    DigestSending.objects.create(
        subscriber=subscriber, period="2026-W01", covers_from=now, covers_until=now, outcome="queued"
    )
    return subscriber


def url(name, subscriber, **kwargs):
    return reverse(f"newsletter:{name}", kwargs={"token": tokens.manage_token(subscriber), **kwargs})


def test_the_manage_page_changes_rhythm_language_and_network_news(client, subscriber):
    page = client.get(url("manage", subscriber))
    assert page.status_code == 200
    assert "Biologi" in page.content.decode() and "Historie" in page.content.decode()
    response = client.post(
        url("manage", subscriber), {"rhythm": "monthly", "language": "en", "wants_network_news": "on"}
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert (subscriber.rhythm, subscriber.language, subscriber.wants_network_news) == ("monthly", "en", True)


def test_a_bad_choice_is_shown_by_its_field_and_nothing_changes(client, subscriber):
    response = client.post(url("manage", subscriber), {"rhythm": "hourly", "language": "da"})
    assert response.status_code == 400
    assert "hourly" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.rhythm == "weekly"


def test_one_search_can_be_removed(client, subscriber):
    history = subscriber.subscriptions.get(filters="subject=historie")
    response = client.post(url("subscription_remove", subscriber, pk=history.pk))
    assert response.status_code == 302
    assert list(subscriber.subscriptions.values_list("filters", flat=True)) == ["subject=biologi"]


@pytest.mark.parametrize("name", ["manage", "unsubscribe", "data"])
def test_a_wrong_token_is_a_clear_page_and_changes_nothing(client, subscriber, name):
    forged = f"{subscriber.pk}-{'0' * 40}"
    for response in (
        client.get(reverse(f"newsletter:{name}", kwargs={"token": forged})),
        client.post(reverse(f"newsletter:{name}", kwargs={"token": forged}), {"rhythm": "monthly"}),
        client.post(reverse(f"newsletter:{name}", kwargs={"token": "abc"})),
    ):
        assert response.status_code == 404
        assert "Linket virker ikke" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.rhythm == "weekly"


def test_unsubscribe_asks_on_get_and_stops_on_post_twice_harmlessly(client, subscriber):
    assert client.get(url("unsubscribe", subscriber)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    for _ in range(2):
        assert client.post(url("unsubscribe", subscriber)).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.unsubscribed_at


def test_the_data_page_shows_everything_and_deletes_it(client, subscriber):
    page = client.get(url("data", subscriber)).content.decode()
    for held in ("laerer@skole.dk", "subject=biologi", "subject=historie", "2026-W01", "afmelde"):
        assert held in page
    assert client.post(url("data", subscriber)).status_code == 200
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists() and not DigestSending.objects.exists()
    assert client.get(url("data", subscriber)).status_code == 404

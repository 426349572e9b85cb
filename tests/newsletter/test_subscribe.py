"""Subscribing with double opt-in, through a real SMTP server (tests/smtp.py)."""

import pytest
from django.urls import reverse

from network.newsletter import matching
from network.newsletter.models import Subscriber, Subscription
from tests.newsletter.conftest import confirm_path, query_of

pytestmark = pytest.mark.django_db

SEARCH = "near=8000&radius=10&subject=biologi&grade=5-klasse"


def subscribe(client, email="laerer@skole.dk", filters=SEARCH, **extra):
    data = {"email": email, "consent": "on", "filters": filters, **extra}
    return client.post(reverse("newsletter:subscribe"), data)


def test_a_search_becomes_a_pending_subscription_and_only_a_confirmation_is_sent(
    client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, email="Laerer@Skole.dk")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:subscribe_sent")

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "laerer@skole.dk"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consented_at is not None and "afmelde" in subscriber.consent_text
    [subscription] = subscriber.subscriptions.all()
    assert subscription.confirmed_at is None
    assert subscription.area_label == "8000"
    stored = query_of(subscription.filters)
    assert stored.getlist("subject") == ["biologi"] and stored["grade"] == "5-klasse"
    assert stored["radius"] == "10"
    latitude, longitude = (float(part) for part in stored["near"].split(","))
    assert 56.0 < latitude < 56.3 and 10.0 < longitude < 10.4  # geocoded once, stored as a point

    [message] = mailbox.wait_for(1)
    assert message["To"] == "laerer@skole.dk"
    token = confirm_path(mailbox.text(message)).rstrip("/").rpartition("/")[2]
    assert token in mailbox.html(message)
    assert token not in subscriber.confirm_token_hash  # only the hash is stored
    assert "List-Unsubscribe" not in message  # nothing to unsubscribe from yet


def test_following_the_link_and_pressing_the_button_confirms(
    client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    path = confirm_path(mailbox.text(mailbox.wait_for(1)[0]))

    page = client.get(path)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # a GET confirms nothing

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at is not None
    assert subscriber.subscriptions.get().confirmed_at is not None

    reused = client.post(path)
    assert reused.status_code == 404
    assert "allerede brugt" in reused.content.decode()


def test_an_expired_link_changes_nothing(client, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client)
    path = confirm_path(mailbox.text(mailbox.wait_for(1)[0]))
    Subscriber.objects.update(confirm_token_expires_at="2000-01-01T00:00:00Z")

    response = client.post(path)
    assert response.status_code == 404
    assert "udløbet" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_wrong_token_is_a_clear_page(client):
    response = client.post(reverse("newsletter:confirm", kwargs={"token": "gaet-et-token"}))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_the_same_address_twice_is_one_subscriber_and_the_same_answer(
    client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = subscribe(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(mailbox.text(mailbox.wait_for(1)[0])))
        second = subscribe(client, email="LAERER@skole.dk")
        third = subscribe(client, filters="subject=historie")
    assert first["Location"] == second["Location"] == third["Location"]
    assert Subscriber.objects.count() == 1
    # The same search is held once; a new search waits for its own confirmation.
    assert Subscription.objects.count() == 2
    assert Subscription.objects.filter(confirmed_at__isnull=True).get().filters == "subject=historie"
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "ikke-en-adresse"}, "email", "gyldig e-mailadresse"),
        ({"email": "x@mailinator.com"}, "email", "engangsadresse"),
        ({"consent": ""}, "consent", "Sæt kryds"),
        ({"filters": "subject=alkymi"}, "subject", "Ukendt fag"),
        ({"filters": "near=Xyzzyborg+Qwerty"}, "near", "Vi kunne ikke finde"),
    ],
)
def test_bad_input_is_a_clear_page_and_nothing_is_stored(client, mailbox, data, field, message):
    response = subscribe(client, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert mailbox.messages == []


def test_the_dedicated_page_takes_its_own_filter_fields(client, django_capture_on_commit_callbacks, mailbox):
    assert client.get(reverse("newsletter:subscribe")).status_code == 200
    data = {
        "email": "paedagog@dagtilbud.dk",
        "consent": "on",
        "subject": ["biologi", "historie"],
        "municipality": "751",
        matching.delivery_parameter(): ["udgaaende"],
        "rhythm": "monthly",
        "wants_network_news": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter:subscribe"), data)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.rhythm == "monthly" and subscriber.wants_network_news
    assert subscriber.subscriptions.get().filters == (
        f"{matching.delivery_parameter()}=udgaaende&municipality=751&subject=biologi&subject=historie"
    )


def test_the_search_page_offers_to_subscribe_to_the_search(client, biology_offer):
    response = client.get("/?near=8000&subject=biologi")
    html = response.content.decode()
    assert "Få besked om nye tilbud som disse" in html
    assert 'name="filters" value="near=8000&amp;subject=biologi"' in html


def test_the_pages_are_in_english_under_en(client):
    html = client.get("/en/nyhedsbrev/").content.decode()
    assert "Get notified of new offers" in html and "Your e-mail" in html

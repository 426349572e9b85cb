"""The digest: news since the last digest that matches a subscriber's searches, through the
site's search engine, sent once per period through the queue to a real SMTP server."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from directory.models import Offer
from network.newsletter import digest
from network.newsletter.models import DigestSending, Subscriber, Subscription
from tests.newsletter.conftest import link_path, make_offer

pytestmark = pytest.mark.django_db

NEAR_AARHUS = "grade=5-klasse&near=56.15720,10.21070&radius=25&subject=biologi"


@pytest.fixture
def week_ago():
    return timezone.now() - timedelta(days=7)


@pytest.fixture
def teacher(week_ago):
    subscriber = Subscriber.objects.create(
        email="laerer@skole.dk",
        status=Subscriber.Status.ACTIVE,
        confirmed_at=week_ago,
        consented_at=week_ago,
        wants_network_news=True,
    )
    Subscription.objects.create(
        subscriber=subscriber, filters=NEAR_AARHUS, area_label="8000 Aarhus C", confirmed_at=week_ago
    )
    return subscriber


def published(offer, when):
    Offer.objects.filter(pk=offer.pk).update(published_at=when)
    return offer


@pytest.fixture
def offers(week_ago):
    """Near and far biology offers published this week, an old one, and a history offer."""
    now = timezone.now()
    old = make_offer("Gammelt forløb", "Gammel Skole", 56.16, 10.20, "biologi")
    Offer.objects.filter(pk=old.pk).update(published_at=week_ago - timedelta(days=30))
    return {
        "near": published(make_offer("Tæt på", "Naturcenter Aarhus", 56.158, 10.210, "biologi"), now),
        "further": published(make_offer("Lidt længere væk", "Skovskolen", 56.23, 10.12, "biologi"), now),
        "far": published(make_offer("Skagen", "Skagen Naturcenter", 57.72, 10.58, "biologi", 813), now),
        "history": published(make_offer("Vikinger", "Vikingemuseet", 56.156, 10.21, "historie"), now),
        "old": old,
    }


def run_digest(capture):
    with capture(execute=True):
        return digest.digest_run()


def test_a_digest_holds_exactly_the_new_matching_offers_nearest_first(
    teacher, offers, mailbox, django_capture_on_commit_callbacks, client
):
    run = run_digest(django_capture_on_commit_callbacks)
    assert (run.sent, run.empty, run.offers) == (1, 0, 2)

    [message] = mailbox.wait_for(1)
    text, html = mailbox.text(message), mailbox.html(message)
    assert text.index("Tæt på") < text.index("Lidt længere væk")
    assert html.index("Tæt på") < html.index("Lidt længere væk")
    for absent in ("Skagen", "Vikinger", "Gammelt forløb"):
        assert absent not in text and absent not in html
    assert "8000 Aarhus C" in text

    # The links work when followed, and carry the campaign.
    offer_url = next(line.strip() for line in text.splitlines() if "/tilbud/tt-pa/" in line)
    assert "utm_campaign=digest-" in offer_url
    assert client.get(link_path(offer_url)).status_code == 200
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = str(message["List-Unsubscribe"]).strip().strip("<>")
    assert unsubscribe_url in html

    # RFC 8058: the mail program's one POST, without a CSRF token, unsubscribes.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(link_path(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_running_twice_in_a_period_sends_once(teacher, offers, mailbox, django_capture_on_commit_callbacks):
    first = run_digest(django_capture_on_commit_callbacks)
    second = run_digest(django_capture_on_commit_callbacks)
    assert first.sent == 1 and second.sent == 0
    assert DigestSending.objects.count() == 1
    assert len(mailbox.wait_for(1)) == 1


def test_a_run_that_crashes_halfway_leaves_no_record_and_the_next_run_sends(
    teacher, offers, mailbox, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the template server fell over")

    with monkeypatch.context() as patch:
        patch.setattr(digest.emails, "send_digest", broken)
        with pytest.raises(RuntimeError):
            run_digest(django_capture_on_commit_callbacks)
    assert DigestSending.objects.count() == 0
    assert mailbox.messages == []

    assert run_digest(django_capture_on_commit_callbacks).sent == 1
    assert len(mailbox.wait_for(1)) == 1


def test_nothing_new_sends_nothing_and_the_next_digest_starts_after_this_one(
    teacher, mailbox, django_capture_on_commit_callbacks
):
    run = run_digest(django_capture_on_commit_callbacks)
    assert (run.sent, run.empty) == (0, 1)
    assert mailbox.messages == []
    assert DigestSending.objects.get().outcome == DigestSending.Outcome.EMPTY


def test_offers_seen_in_the_last_digest_are_not_sent_again(
    teacher, offers, mailbox, django_capture_on_commit_callbacks
):
    run_digest(django_capture_on_commit_callbacks)
    DigestSending.objects.update(period="2000-W01")  # as if last week's
    assert run_digest(django_capture_on_commit_callbacks).sent == 0
    assert len(mailbox.messages) == 1


def test_a_material_change_is_news_and_a_phone_number_is_not(
    teacher, offers, mailbox, django_capture_on_commit_callbacks
):
    run_digest(django_capture_on_commit_callbacks)
    DigestSending.objects.update(period="2000-W01")
    old = offers["old"]
    old.booking_phone = "12345678"
    old.save()
    assert run_digest(django_capture_on_commit_callbacks).sent == 0
    DigestSending.objects.exclude(period="2000-W01").update(period="2000-W02")
    old.title = "Gammelt forløb, nu med mikroskoper"
    old.save()
    assert run_digest(django_capture_on_commit_callbacks).sent == 1
    assert "mikroskoper" in mailbox.text(mailbox.wait_for(2)[1])


def test_only_active_confirmed_subscribers_get_digests(
    teacher, offers, mailbox, django_capture_on_commit_callbacks, week_ago
):
    for status, email in [
        (Subscriber.Status.PENDING, "p@skole.dk"),
        (Subscriber.Status.FAILING, "f@skole.dk"),
    ]:
        other = Subscriber.objects.create(email=email, status=status, confirmed_at=week_ago)
        Subscription.objects.create(subscriber=other, filters=NEAR_AARHUS, confirmed_at=week_ago)
    run = run_digest(django_capture_on_commit_callbacks)
    assert run.sent == 1
    assert [str(message["To"]) for message in mailbox.wait_for(1)] == ["laerer@skole.dk"]


def test_an_english_subscriber_gets_english_links_and_text(
    teacher, offers, mailbox, django_capture_on_commit_callbacks
):
    Subscriber.objects.update(language="en")
    run_digest(django_capture_on_commit_callbacks)
    [message] = mailbox.wait_for(1)
    assert "/en/tilbud/tt-pa/" in mailbox.text(message)
    assert "/en/nyhedsbrev/afmeld/" in message["List-Unsubscribe"]


def test_an_address_the_server_refuses_is_marked_failing_and_skipped(
    teacher, offers, mailbox, django_capture_on_commit_callbacks
):
    mailbox.refuse.add("laerer@skole.dk")
    run_digest(django_capture_on_commit_callbacks)
    teacher.refresh_from_db()
    assert teacher.status == Subscriber.Status.FAILING
    assert "550" in teacher.failure_reason
    DigestSending.objects.update(period="2000-W01")
    assert run_digest(django_capture_on_commit_callbacks).sent == 0


@pytest.mark.django_db(transaction=True)
def test_the_command_queues_and_the_database_worker_sends(teacher, offers, mailbox, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    with transaction.atomic():
        call_command("send_digests", "--no-progress")
    assert mailbox.messages == []
    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")
    [message] = mailbox.wait_for(1)
    assert "Tæt på" in mailbox.text(message)
    call_command("send_digests", "--no-progress")
    assert DigestSending.objects.count() == 1

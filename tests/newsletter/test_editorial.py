"""The coordinators' editorial newsletter: write, preview, test, send through the queue, archive."""

import pytest
from django.urls import reverse
from django.utils import timezone

from network.newsletter.models import Issue, IssueSending, Subscriber
from tests.newsletter.conftest import link_path

pytestmark = pytest.mark.django_db


def make_subscriber(email, *, wants_network_news=True, status=Subscriber.Status.ACTIVE, language="da"):
    now = timezone.now()
    return Subscriber.objects.create(
        email=email,
        status=status,
        confirmed_at=now,
        consented_at=now,
        wants_network_news=wants_network_news,
        language=language,
    )


@pytest.fixture
def issue_draft(client, coordinator, biology_offer):
    client.force_login(coordinator)
    response = client.post(
        reverse("newsletter_editor:issues"),
        {
            "title": "Forår i netværket",
            "intro": "Kære lærere,\nher er <b>nyt</b>.",
            "offers": [biology_offer.pk],
        },
    )
    assert response.status_code == 302
    return Issue.objects.get()


def test_a_coordinator_writes_and_previews_an_issue_as_page_and_e_mail(client, issue_draft):
    page = client.get(reverse("newsletter_editor:issue_preview", args=[issue_draft.pk])).content.decode()
    email = client.get(
        reverse("newsletter_editor:issue_preview_email", args=[issue_draft.pk])
    ).content.decode()
    for html in (page, email):
        assert "Forår i netværket" in html and "Dyr i byen" in html
        assert "&lt;b&gt;nyt&lt;/b&gt;" in html  # what a coordinator types is text, not markup
    assert client.get(reverse("newsletter:archive_issue", args=[issue_draft.slug])).status_code == 404


def test_an_empty_title_is_shown_by_the_field_and_nothing_is_saved(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("newsletter_editor:issues"), {"title": "", "intro": "x"})
    assert response.status_code == 400
    assert not Issue.objects.exists()


def test_a_test_goes_to_the_coordinator_only(
    client, issue_draft, coordinator, mailbox, django_capture_on_commit_callbacks
):
    make_subscriber("laerer@skole.dk")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_editor:issue_test", args=[issue_draft.pk]))
    [message] = mailbox.wait_for(1)
    assert message["To"] == coordinator.email
    assert message["Subject"] == "[Test] Forår i netværket"
    issue_draft.refresh_from_db()
    assert issue_draft.sent_at is None


def test_sending_reaches_every_network_subscriber_once_through_the_queue(
    client, issue_draft, mailbox, django_capture_on_commit_callbacks
):
    make_subscriber("a@skole.dk")
    make_subscriber("b@skole.dk", language="en")
    make_subscriber("ingen-nyheder@skole.dk", wants_network_news=False)
    make_subscriber("afmeldt@skole.dk", status=Subscriber.Status.UNSUBSCRIBED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_editor:issue_send", args=[issue_draft.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("newsletter_editor:issue_send", args=[issue_draft.pk]))  # a double click
    messages = mailbox.wait_for(2)
    assert sorted(str(message["To"]) for message in messages) == ["a@skole.dk", "b@skole.dk"]
    assert IssueSending.objects.count() == 2
    for message in messages:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Dyr i byen" in mailbox.text(message) and "Dyr i byen" in mailbox.html(message)
        offer_link = next(line.strip() for line in mailbox.text(message).splitlines() if "/tilbud/" in line)
        assert "utm_campaign=nyhedsbrev-" in offer_link
        assert client.get(link_path(offer_link)).status_code == 200

    archive = client.get(reverse("newsletter:archive")).content.decode()
    assert "Forår i netværket" in archive
    assert client.get(reverse("newsletter:archive_issue", args=[issue_draft.slug])).status_code == 200
    # A sent issue is part of the archive: it no longer changes.
    client.post(
        reverse("newsletter_editor:issue_edit", args=[issue_draft.pk]), {"title": "Ændret", "intro": "x"}
    )
    issue_draft.refresh_from_db()
    assert issue_draft.title == "Forår i netværket"

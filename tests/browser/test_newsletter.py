"""Subscribing in a real Chromium: from a search page, confirmed from the e-mail that reached
a real SMTP server, unsubscribed in one click; axe-core on every newsletter page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Subject
from network.newsletter import tokens
from network.newsletter.models import Issue, Subscriber, Subscription
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = live_server.url  # the e-mails link to the live server
    factories.OfferFactory(title="Dyr i byen", subjects=[Subject.objects.get(slug="biologi")])
    return live_server


def test_a_teacher_subscribes_from_a_search_confirms_from_the_e_mail_and_unsubscribes(page, site, mailbox):
    page.goto("/?near=8000&subject=biologi")
    # search.js changes the address as the visitor refines the search without reloading: the
    # subscription is the search shown when the button is pressed.
    page.evaluate("history.replaceState(null, '', '/?near=8000&subject=biologi&grade=5-klasse')")
    form = page.locator("form.newsletter-subscribe")
    expect(form.get_by_role("heading")).to_have_text("Få besked om nye tilbud som disse")
    form.get_by_label("Din e-mail").fill("laerer@skole.dk")
    form.get_by_label(re.compile("Ja tak")).check()
    form.get_by_role("button", name="Få besked").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din indbakke")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    [message] = mailbox.wait_for(1)
    link = re.search(rf"{re.escape(site.url)}/nyhedsbrev/bekraeft/\S+/", mailbox.text(message)).group(0)
    page.goto(link)
    page.get_by_role("button", name="Bekræft tilmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak – du er tilmeldt")
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    filters = subscriber.subscriptions.get().filters
    assert "subject=biologi" in filters and "grade=5-klasse" in filters

    page.get_by_role("link", name="Se og ret din tilmelding").click()
    page.get_by_role("link", name="Afmeld alle e-mails").click()
    page.get_by_role("button", name="Afmeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er afmeldt")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


@pytest.fixture
def pages(site):
    now = timezone.now()
    subscriber = Subscriber.objects.create(
        email="laerer@skole.dk", status=Subscriber.Status.ACTIVE, confirmed_at=now, consented_at=now
    )
    Subscription.objects.create(
        subscriber=subscriber,
        filters="near=56.157,10.211&radius=25&subject=biologi",
        area_label="8000",
        confirmed_at=now,
    )
    Issue.objects.create(title="Forår i netværket", slug="foraar", intro="Hej", sent_at=now)
    token = tokens.manage_token(subscriber)
    return {
        "subscribe": "/nyhedsbrev/",
        "subscribe_errors": "/nyhedsbrev/?subject=alkymi",
        "sent": "/nyhedsbrev/tjek-din-indbakke/",
        "manage": f"/nyhedsbrev/mine/{token}/",
        "unsubscribe": f"/nyhedsbrev/afmeld/{token}/",
        "data": f"/nyhedsbrev/mine/{token}/data/",
        "invalid": "/nyhedsbrev/bekraeft/forkert/",
        "archive": "/nyhedsbrev/arkiv/",
        "issue": "/nyhedsbrev/arkiv/foraar/",
        "english": "/en/nyhedsbrev/",
    }


@pytest.mark.parametrize(
    "name", ["subscribe", "sent", "manage", "unsubscribe", "data", "invalid", "archive", "issue", "english"]
)
def test_axe_finds_no_accessibility_violations_on_the_newsletter_pages(page, pages, name):
    page.goto(pages[name])
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_on_a_subscribe_form_with_errors(page, pages):
    page.goto("/nyhedsbrev/")
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.locator(".error-summary")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

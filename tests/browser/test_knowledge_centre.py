"""The knowledge centre in a real Chromium: registering for an event, the map's escaping,
hostile Markdown that must not run, and axe-core on every new page."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from network.events.models import Registration
from network.events.services import registration_create
from network.knowledge.models import AnnualReport, Article, Page, Partnership, PressContact
from tests import factories
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "korrekt-hest-batteri-42"
HOSTILE_TEXT = '<img src=x onerror="window.pwned=1">'
HOSTILE_MARKDOWN = (
    '# Om os\n\n<script>window.pwned = 1</script>\n\n<img src=x onerror="window.pwned=1">\n\n'
    "[Klik her](javascript:window.pwned=1) og [her](data:text/html,<script>parent.pwned=1</script>)\n\n"
    '<a href="#" onclick="window.pwned=1">rå html</a> <iframe src="javascript:parent.pwned=1"></iframe>'
)


@pytest.fixture
def centre(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organiser = factories.OrganisationFactory(name="Videnscenter", slug="videnscenter")
    place = factories.EnvironmentFactory(organisation=organiser, name="Naturskolen", slug="naturskolen")
    member = factories.OrganisationFactory(name="Aarhus Zoo", slug="aarhus-zoo")
    factories.EnvironmentFactory(organisation=member, name="Zoo-skolen", slug="zoo-skolen", latitude=56.15)
    event = EventFactory(
        title="Temadag om udeskole", slug="temadag", organiser=organiser, venue=place, capacity=1
    )
    hostile = EventFactory(title=HOSTILE_TEXT, slug="fjendtlig", organiser=organiser, venue=place,
                           starts_at=timezone.now() + timedelta(days=40))  # fmt: skip
    Article.objects.create(title="Nyt fra netværket", slug="nyt", lead="Kort nyt.", body=HOSTILE_MARKDOWN,
                           is_published=True, published_at=timezone.now() - timedelta(hours=1),
                           tags="udeskole")  # fmt: skip
    for slug, title in [("videnscentret", "Videnscentret"), ("tilgaengelighedserklaering", "Tilgængelighedserklæring"),
                        ("netvaerket", "Det nationale netværk"), ("partnerskaber", "Partnerskaber")]:  # fmt: skip
        Page.objects.update_or_create(slug=slug, defaults={"title": title, "body": HOSTILE_MARKDOWN})
    PressContact.objects.create(name="Pia Presse", phone="+45 12 34 56 78", email="presse@netvaerk.dk")
    Partnership.objects.create(organisation=member, since=2020)
    AnnualReport.objects.create(year=2025, title="Årsrapport 2025", pdf="annual-reports/2025.pdf")
    coordinator = factories.UserFactory(email="koordinator@netvaerk.dk", is_staff=True, is_superuser=True)
    return {"event": event, "hostile": hostile, "coordinator": coordinator}


def no_script_ran(page) -> None:
    assert page.evaluate("window.pwned") is None


def test_a_teacher_registers_and_the_next_one_is_offered_the_waiting_list(page, centre):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/arrangementer/")
    page.get_by_role("link", name="Temadag om udeskole").click()
    page.get_by_label("Navn").fill("Lærer Lise")
    page.get_by_label("E-mail").fill("lise@skole.dk")
    page.get_by_label("Arbejdssted").fill("Skovvangskolen")
    page.get_by_label("Jeg giver samtykke", exact=False).check()
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.get_by_role("status")).to_contain_text("Du er tilmeldt")
    assert Registration.objects.get().status == "confirmed"

    page.get_by_label("Navn").fill("Lærer Lars")
    page.get_by_label("E-mail").fill("lars@skole.dk")
    page.get_by_label("Jeg giver samtykke", exact=False).check()
    page.get_by_role("button", name="Skriv mig på ventelisten").click()  # the event is full
    expect(page.get_by_role("status")).to_contain_text("ventelisten")
    assert Registration.objects.get(email="lars@skole.dk").status == "waiting"
    assert dialogs == []


def test_a_bad_e_mail_is_shown_next_to_its_field(page, centre):
    page.goto(reverse("events:detail", args=["temadag"]))
    page.get_by_label("Navn").fill("Lise")
    page.get_by_label("E-mail").fill("lise(at)skole")
    page.get_by_label("Jeg giver samtykke", exact=False).check()
    page.get_by_role("button", name="Tilmeld").click()
    expect(page.locator("#id_email-error, .field-error").first).to_be_visible()
    assert Registration.objects.count() == 0


def test_an_event_title_with_html_is_text_in_the_list_the_map_popup_and_the_page(page, centre):
    page.goto("/arrangementer/")
    expect(page.get_by_role("link", name=HOSTILE_TEXT)).to_be_visible()
    page.locator("#place-map .marker").first.wait_for()
    no_script_ran(page)
    page.goto(reverse("events:detail", args=["fjendtlig"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_TEXT)
    no_script_ran(page)


@pytest.mark.parametrize(
    "path", ["/nyheder/nyt/", "/om/videnscentret/", "/om/netvaerket/", "/om/partnerskaber/"]
)
def test_hostile_markdown_runs_no_script_on_news_and_about_pages(page, centre, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("main h2", has_text="Om os").first).to_be_visible()
    # The only scripts in <main> are the map's JSON data blocks (json_script), which never run.
    assert page.locator('main script:not([type="application/json"])').count() == 0
    assert page.locator("main iframe").count() == 0
    assert page.locator("main [onclick], main [onerror]").count() == 0
    # The links with dangerous targets are text; clicking what is there runs nothing either.
    for link in page.locator(".prose a").all():
        assert not (link.get_attribute("href") or "").lower().startswith(("javascript:", "data:"))
    page.get_by_text("rå html", exact=False).first.click()
    no_script_ran(page)
    assert dialogs == []


@pytest.mark.parametrize(
    "path",
    [
        "/arrangementer/",
        "/arrangementer/?kind=fest&month=x",
        "/arrangementer/temadag/",
        "/nyheder/",
        "/nyheder/nyt/",
        "/presse/",
        "/om/",
        "/om/videnscentret/",
        "/om/tilgaengelighedserklaering/",
        "/om/aarsrapporter/",
        "/om/partnerskaber/",
        "/om/netvaerket/",
        "/en/arrangementer/",
    ],
)
def test_axe_finds_no_violations_on_the_public_pages(page, centre, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_on_the_participants_own_page(page, centre):
    _registration, token = registration_create(
        event=centre["event"], name="Lise", email="lise@skole.dk", consent=True
    )
    page.goto(reverse("events:registration", args=[token]))
    expect(page.get_by_role("button", name="Meld fra")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", ["list", "add", "edit", "participants", "attendance"])
def test_axe_finds_no_violations_on_the_organisers_pages(page, centre, name):
    event = centre["event"]
    RegistrationFactory(event=event, name="Anna <b>Andersen</b>", organisation_name="Skolen")
    arguments = {"list": [event.organiser.slug], "add": [event.organiser.slug]}.get(name, [event.pk])
    page.goto("/medlem/log-ind/")
    page.get_by_label("E-mail").fill(centre["coordinator"].email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_load_state()
    response = page.goto(reverse(f"event_members:{name}", args=arguments))
    assert response.status == 200
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_screenshots_of_the_event_and_news_pages(page, centre, artifacts_dir):
    for name, path in [("events", "/arrangementer/"), ("event", "/arrangementer/temadag/"), ("news", "/nyheder/nyt/"),
                       ("about", "/om/")]:  # fmt: skip
        page.goto(path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts_dir / f"knowledge-{name}.png"), full_page=True)
        assert (artifacts_dir / f"knowledge-{name}.png").stat().st_size > 10_000

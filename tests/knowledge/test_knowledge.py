"""News with feeds, the press page, the about pages (Markdown sanitised), annual report uploads."""

import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from network.knowledge.markdown import render_markdown
from network.knowledge.models import AnnualReport, Article, Page, Partnership, PressContact
from tests import factories

pytestmark = pytest.mark.django_db

HOSTILE = (
    "# Overskrift\n\n<script>alert('md')</script>\n\n<img src=x onerror=alert(1)>\n\n"
    "[klik](javascript:alert(2)) [data](data:text/html,<script>alert(3)</script>) "
    '[ok](https://example.dk/side)\n\n<a href="https://x.dk" onclick="alert(4)">rå html</a>'
)


class ElementCollector(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text is not markup)."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def assert_harmless(html: str) -> None:
    for tag, attributes in elements(html):
        assert tag not in {"script", "iframe", "object", "embed", "style"}, tag
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        for name in ("href", "src"):
            value = (attributes.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attributes)


def article(**extra) -> Article:
    fields = {"title": "Ny temadag om naturfag", "slug": "ny-temadag", "lead": "Kom og vær med.",
              "body": "Her er **programmet**.", "is_published": True, "tags": "naturfag, udeskole",
              "published_at": timezone.now() - timedelta(hours=1)}  # fmt: skip
    return Article.objects.create(**(fields | extra))


def test_markdown_is_rendered_and_stripped_of_scripts_handlers_and_dangerous_links():
    html = str(render_markdown(HOSTILE))
    assert "<h2>Overskrift</h2>" in html
    assert_harmless(html)
    assert [tag for tag, _attributes in elements(html)].count("img") == 0
    assert '<a href="https://example.dk/side" rel="noopener noreferrer">ok</a>' in html


def test_a_news_page_renders_markdown_safely(client):
    item = article(body=HOSTILE)
    content = client.get(item.get_absolute_url()).content.decode()
    body = content.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert_harmless(body)
    assert "&lt;script&gt;alert(&#x27;md&#x27;)" in body or "&lt;script&gt;alert('md')" in body


def test_unpublished_and_future_news_stay_hidden(client):
    article(slug="kladde", title="Kladde", is_published=False)
    article(slug="fremtid", title="Fremtid", published_at=timezone.now() + timedelta(days=2))
    visible = article()
    content = client.get(reverse("knowledge:news")).content.decode()
    assert visible.title in content and "Kladde" not in content and "Fremtid" not in content
    assert client.get("/nyheder/kladde/").status_code == 404


def test_rss_and_atom_feeds_list_the_published_news(client):
    article(title="Nyhed <med> & tegn", slug="tegn")
    rss = ElementTree.fromstring(client.get(reverse("knowledge:rss")).content)
    assert [item.findtext("title") for item in rss.iter("item")] == ["Nyhed <med> & tegn"]
    atom = ElementTree.fromstring(client.get(reverse("knowledge:atom")).content)
    namespace = "{http://www.w3.org/2005/Atom}"
    assert [entry.findtext(f"{namespace}title") for entry in atom.iter(f"{namespace}entry")] == [
        "Nyhed <med> & tegn"
    ]


def test_the_front_page_shows_the_latest_news(client):
    item = article()
    content = client.get("/").content.decode()
    assert item.title in content and item.get_absolute_url() in content


def test_the_press_page_shows_contacts_and_releases(client):
    PressContact.objects.create(name="Pia Presse", title="Kommunikationschef", phone="+45 12 34 56 78",
                                email="presse@netvaerk.dk")  # fmt: skip
    article(kind=Article.Kind.PRESS, title="Pressemeddelelse om netværket", slug="pm")
    content = client.get(reverse("knowledge:press")).content.decode()
    assert (
        "Pia Presse" in content
        and "tel:+4512345678" in content
        and "Pressemeddelelse om netværket" in content
    )


@pytest.mark.parametrize(
    "slug", ["videnscentret", "bestyrelse", "udviklingsplan", "vedtaegter", "finansiering", "kontakt",
             "privatlivspolitik", "tilgaengelighedserklaering", "cookies"],
)  # fmt: skip
def test_the_about_and_footer_pages_exist_and_are_linked(client, slug):
    response = client.get(reverse("knowledge:page", args=[slug]))
    assert response.status_code == 200
    assert Page.objects.get(slug=slug).title in response.content.decode()


def test_the_footer_links_the_statutory_pages(client):
    content = client.get("/").content.decode()
    for slug in ["privatlivspolitik", "tilgaengelighedserklaering", "cookies", "kontakt"]:
        assert f"/om/{slug}/" in content
    assert "/presse/" in content and "/arrangementer/" in content and "/nyheder/" in content


def test_a_page_shows_its_english_version_where_written_and_danish_otherwise(client):
    Page.objects.filter(slug="vedtaegter").update(body_en="")
    english = client.get("/en/om/videnscentret/").content.decode()
    assert "The knowledge centre" in english and 'lang="en"' in english
    fallback = client.get("/en/om/vedtaegter/").content.decode()
    assert "Netværkets vedtægter" in fallback and '<article lang="da">' in fallback


def test_a_coordinator_edits_an_about_page_in_the_admin(client, coordinator):
    page = Page.objects.get(slug="bestyrelse")
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:knowledge_page_change", args=[page.pk]),
        {"section": "about", "slug": "bestyrelse", "order": 2, "is_published": "on", "title": "Bestyrelsen",
         "body": "Formand: **Anne**", "title_en": "", "body_en": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert "<strong>Anne</strong>" in client.get("/om/bestyrelse/").content.decode()


def test_an_annual_report_must_really_be_a_pdf(client, coordinator, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator)
    url = reverse("admin:knowledge_annualreport_add")
    fake = SimpleUploadedFile("aarsrapport.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"year": 2025, "title": "Årsrapport 2025", "pdf": fake})
    assert response.status_code == 200
    assert "Filen er ikke en PDF." in response.content.decode()
    assert not AnnualReport.objects.exists()

    real = SimpleUploadedFile("aarsrapport.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert client.post(url, {"year": 2025, "title": "Årsrapport 2025", "pdf": real}).status_code == 302
    assert "Årsrapport 2025" in client.get(reverse("knowledge:annual_reports")).content.decode()


def test_the_network_page_lists_members_on_a_map_and_partners_have_theirs(client):
    member = factories.OrganisationFactory(name="Naturhistorisk <Museum>", slug="nhm")
    factories.EnvironmentFactory(organisation=member, name="Museets skoletjeneste")
    outsider = factories.OrganisationFactory(name="Ikke medlem", slug="ikke", is_network_member=False)
    factories.EnvironmentFactory(organisation=outsider)
    content = client.get(reverse("knowledge:network")).content.decode()
    assert "Naturhistorisk &lt;Museum&gt;" in content and "Ikke medlem" not in content
    markers = json.loads(
        re.search(r'id="places-data" type="application/json">(.*?)</script>', content).group(1)
    )
    assert markers[0]["name"] == "Naturhistorisk <Museum>: Museets skoletjeneste"

    Partnership.objects.create(organisation=outsider, since=2021)
    content = client.get(reverse("knowledge:partnerships")).content.decode()
    assert "Ikke medlem" in content and "2021" in content


def test_the_sitemap_lists_published_events_news_and_pages(client):
    from tests.events.factories import EventFactory

    event = EventFactory(title="Offentlig temadag", slug="offentlig")
    EventFactory(title="Kladde", slug="kladde-event", status="draft")
    item = article()
    content = client.get("/sitemap.xml").content.decode()
    assert event.get_absolute_url() in content and "/arrangementer/kladde-event/" not in content
    assert item.get_absolute_url() in content and "/om/tilgaengelighedserklaering/" in content


@pytest.mark.parametrize(
    "name",
    ["knowledge_article_add", "knowledge_page_changelist", "knowledge_annualreport_add", "knowledge_partnership_add",
     "knowledge_presscontact_add", "events_event_add", "events_event_changelist", "events_registration_changelist"],
)  # fmt: skip
def test_the_admin_pages_for_coordinators_open(client, coordinator, name):
    client.force_login(coordinator)
    assert client.get(reverse(f"admin:{name}")).status_code == 200

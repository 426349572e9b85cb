"""The public detail pages: offer, learning environment, organisation, municipality."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Category, Grade, LearningEnvironment, Offer, Subject
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def danish():
    """Start each test in Danish: a request to /en/ leaves English active in the test
    thread, and reverse() in the next test would then build /en/ URLs."""
    with translation.override("da"):
        yield


HOSTILE = "<img src=x onerror=alert(1)>"


def json_ld(html: str) -> list[dict]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(script) for script in scripts]


@pytest.fixture
def moesgaard(aarhus):
    organisation = factories.OrganisationFactory(
        name="Moesgaard Museum", slug="moesgaard-museum", email="skole@moesgaard.dk", phone="87 39 40 00"
    )
    place = factories.EnvironmentFactory(
        organisation=organisation, name="Moesgaard", slug="moesgaard", municipality=aarhus
    )
    offer = factories.OfferFactory(
        organisation=organisation,
        title="Jernalderens mennesker",
        slug="jernalderens-mennesker",
        summary="Mød Grauballemanden.",
        description="Et forløb i udstillingen.\nMed madpakkepause.",
        price_dkk=1250,
        duration_minutes=90,
        booking_url="https://moesgaard.dk/booking",
        booking_email="booking@moesgaard.dk",
        booking_phone="+45 87 39 40 00",
        subjects=[Subject.objects.get(slug="historie"), Subject.objects.get(slug="biologi")],
        environments=[place],
    )
    return organisation, place, offer


def test_offer_page_shows_the_facts_booking_and_its_place(client, moesgaard):
    _, place, offer = moesgaard
    response = client.get(reverse("directory:offer_detail", kwargs={"slug": offer.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Jernalderens mennesker – Moesgaard Museum" in html
    for text in [
        "Historie",
        "Biologi",
        "3. klasse–6. klasse",
        "1.250 kr.",
        "90 minutter",
        "Mød Grauballemanden.",
    ]:
        assert text in html
    assert 'href="https://moesgaard.dk/booking"' in html
    assert 'href="mailto:booking@moesgaard.dk"' in html
    assert 'href="tel:+4587394000"' in html
    assert place.get_absolute_url() in html
    assert 'id="places-data"' in html


def test_offer_page_has_course_json_ld_with_levels_and_subjects(client, moesgaard):
    _, place, offer = moesgaard
    html = client.get(offer.get_absolute_url()).content.decode()
    [course] = json_ld(html)
    assert course["@type"] == "Course"
    assert course["name"] == offer.title
    assert course["educationalLevel"] == [grade.name for grade in Grade.objects.filter(level__range=(5, 8))]
    assert {item["targetName"] for item in course["educationalAlignment"]} == {"Historie", "Biologi"}
    assert course["provider"]["@type"] == "EducationalOrganization"
    assert course["offers"] == {
        "@type": "Offer",
        "category": "Paid",
        "price": "1250.00",
        "priceCurrency": "DKK",
        "url": "https://moesgaard.dk/booking",
    }
    location = course["hasCourseInstance"][0]["location"]
    assert location["geo"]["latitude"] == place.latitude


def test_offer_page_has_open_graph_and_description(client, moesgaard):
    html = client.get(moesgaard[2].get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Jernalderens mennesker">' in html
    assert '<meta name="description" content="Mød Grauballemanden.">' in html
    assert 'property="og:url" content="http://127.0.0.1:8000/tilbud/jernalderens-mennesker/"' in html


@pytest.mark.parametrize("status", [Offer.Status.DRAFT, Offer.Status.PENDING, Offer.Status.ARCHIVED])
def test_an_unpublished_offer_is_not_found(client, status):
    offer = factories.OfferFactory(status=status)
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_not_found_on_every_detail_page(client):
    for name in ["offer_detail", "environment_detail", "organisation_detail", "municipality_detail"]:
        assert client.get(reverse(f"directory:{name}", kwargs={"slug": "findes-ikke"})).status_code == 404


def test_offer_page_lists_other_offers_at_the_same_place_but_not_drafts(client, moesgaard):
    organisation, place, offer = moesgaard
    factories.OfferFactory(organisation=organisation, title="Vikingetiden", environments=[place])
    factories.OfferFactory(
        organisation=organisation, title="Hemmelig kladde", environments=[place], status=Offer.Status.DRAFT
    )
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "Andre tilbud samme sted" in html
    assert "Vikingetiden" in html
    assert "Hemmelig kladde" not in html


def test_offer_page_suggests_nearby_alternatives_in_a_shared_subject_nearest_first(client, moesgaard, aarhus):
    _, _, offer = moesgaard
    biology = Subject.objects.get(slug="biologi")
    maths = Subject.objects.get(slug="matematik")
    zoo = factories.EnvironmentFactory(
        name="Aarhus Zoo", latitude=56.10, longitude=10.22, municipality=aarhus
    )
    forest = factories.EnvironmentFactory(
        name="Skovskolen", latitude=56.20, longitude=10.20, municipality=aarhus
    )
    far = factories.EnvironmentFactory(name="Skagen", latitude=57.72, longitude=10.58)
    factories.OfferFactory(title="Dyr i skoven", subjects=[biology], environments=[forest])
    factories.OfferFactory(title="Dyrenes liv", subjects=[biology], environments=[zoo])
    factories.OfferFactory(title="Brøker i zoo", subjects=[maths], environments=[zoo])
    factories.OfferFactory(title="Klitternes dyr", subjects=[biology], environments=[far])
    html = client.get(offer.get_absolute_url()).content.decode()
    section = html.split('id="alternatives-heading"')[1]
    assert section.index("Dyrenes liv") < section.index("Dyr i skoven")
    assert "Brøker i zoo" not in section
    assert "Klitternes dyr" not in section


def test_environment_page_shows_address_offers_and_place_json_ld(client, moesgaard):
    _, place, offer = moesgaard
    Category.objects.filter(slug="museum").update(schema_type="Museum")
    response = client.get(place.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Moesgård Allé 15, 8270 Højbjerg" in html
    assert offer.title in html
    [data] = json_ld(html)
    assert data["@type"] == "Museum"
    assert data["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": place.latitude,
        "longitude": place.longitude,
    }
    assert data["address"]["postalCode"] == "8270"
    assert data["address"]["addressCountry"] == "DK"


def test_an_archived_environment_is_not_found(client):
    place = factories.EnvironmentFactory(status=LearningEnvironment.Status.ARCHIVED)
    assert client.get(place.get_absolute_url()).status_code == 404


def test_organisation_page_lists_places_offers_contact_and_json_ld(client, moesgaard):
    organisation, place, offer = moesgaard
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert offer.title in html and place.name in html
    assert 'href="mailto:skole@moesgaard.dk"' in html
    [data] = json_ld(html)
    assert data["@type"] == "EducationalOrganization"
    assert data["email"] == "skole@moesgaard.dk"


def test_an_organisation_with_nothing_public_is_not_found(client):
    organisation = factories.OrganisationFactory()
    factories.OfferFactory(organisation=organisation, status=Offer.Status.DRAFT)
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_municipality_page_lists_local_places_and_outreach_offers_serving_it(
    client, moesgaard, aarhus, copenhagen
):
    _, place, offer = moesgaard
    outreach = factories.OfferFactory(title="Naturvejlederen kommer", format=Offer.Format.OUTREACH)
    outreach.service_municipalities.set([aarhus])
    elsewhere = factories.OfferFactory(title="Kun i København", format=Offer.Format.OUTREACH)
    elsewhere.service_municipalities.set([copenhagen])
    copenhagen_place = factories.EnvironmentFactory(name="Statens Museum for Kunst", municipality=copenhagen)
    response = client.get(reverse("directory:municipality_detail", kwargs={"slug": aarhus.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Undervisning i Aarhus" in html
    assert place.name in html and offer.title in html
    assert "Naturvejlederen kommer" in html
    assert "Kun i København" not in html
    assert copenhagen_place.name not in html


def test_provider_text_with_html_is_escaped_on_every_detail_page_and_in_json_ld(client, aarhus):
    organisation = factories.OrganisationFactory(
        name=HOSTILE, slug="hostile", description=f"</script>{HOSTILE}"
    )
    place = factories.EnvironmentFactory(organisation=organisation, name=HOSTILE, slug="hostile-place")
    offer = factories.OfferFactory(
        organisation=organisation, title=HOSTILE, slug="hostile-offer", summary=HOSTILE, environments=[place]
    )
    urls = [
        offer.get_absolute_url(),
        place.get_absolute_url(),
        organisation.get_absolute_url(),
        reverse("directory:municipality_detail", kwargs={"slug": aarhus.slug}),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert HOSTILE not in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url
        for data in json_ld(html):
            assert HOSTILE in json.dumps(data, ensure_ascii=False), url
    raw = client.get(organisation.get_absolute_url()).content.decode()
    assert "\\u003c/script\\u003e\\u003cimg" in raw


def test_detail_pages_exist_in_english_under_en(client, moesgaard):
    _, _, offer = moesgaard
    response = client.get("/en" + offer.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html


def _place_in(municipality, **fields):
    """A place at the municipality's centre point, so distances are centre to centre."""
    return factories.EnvironmentFactory(
        municipality=municipality, latitude=municipality.latitude, longitude=municipality.longitude, **fields
    )


def test_municipality_page_lists_outreach_offers_whose_service_radius_reaches_its_centre(client, aarhus):
    from maps.models import Municipality
    from maps.spatial import haversine_km

    silkeborg = Municipality.objects.get(code=740)
    distance = haversine_km(silkeborg.latitude, silkeborg.longitude, aarhus.latitude, aarhus.longitude)
    place = _place_in(silkeborg, name="Naturcenter Silkeborg")
    archived = _place_in(silkeborg, name="Lukket filial", status=LearningEnvironment.Status.ARCHIVED)

    def outreach(title, radius, at, offer_format=Offer.Format.OUTREACH):
        return factories.OfferFactory(
            title=title, format=offer_format, service_radius_km=radius, environments=[at]
        )

    outreach("Skovbussen kommer", int(distance) + 1, place)
    outreach("Skovbussen når ikke frem", int(distance) - 1, place)
    outreach("Fra en lukket filial", int(distance) + 50, archived)
    outreach("Kun på stedet", int(distance) + 50, place, offer_format=Offer.Format.ON_SITE)
    html = client.get(reverse("directory:municipality_detail", kwargs={"slug": aarhus.slug})).content.decode()
    assert "Skovbussen kommer" in html
    assert "Skovbussen når ikke frem" not in html
    assert "Fra en lukket filial" not in html
    assert "Kun på stedet" not in html
    silkeborg_page = client.get(reverse("directory:municipality_detail", kwargs={"slug": silkeborg.slug}))
    assert "Skovbussen når ikke frem" in silkeborg_page.content.decode()  # held there, so listed as local


def test_an_outreach_offer_both_listed_and_within_radius_appears_once(client, aarhus):
    from maps.models import Municipality

    skanderborg = Municipality.objects.get(code=746)
    offer = factories.OfferFactory(
        title="Havet på hjul",
        format=Offer.Format.OUTREACH,
        service_radius_km=100,
        environments=[_place_in(skanderborg)],
    )
    offer.service_municipalities.set([aarhus])
    html = client.get(reverse("directory:municipality_detail", kwargs={"slug": aarhus.slug})).content.decode()
    assert html.count(">Havet på hjul<") == 1

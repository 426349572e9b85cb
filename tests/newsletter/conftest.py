import re

import pytest
from django.http import QueryDict

from directory.models import Grade, Offer, Subject
from maps.models import Municipality
from tests import factories

CONFIRM_LINK = re.compile(r"http://testserver(/(?:en/)?nyhedsbrev/bekraeft/[^/\s]+/)")


@pytest.fixture(autouse=True)
def site_url(settings):
    # Links in e-mails point at the test client's host, so a test can follow them.
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def biology_offer(db):
    """A published biology offer for 4th-6th grade at a place in Aarhus C."""
    return make_offer("Dyr i byen", "Naturhistorisk Museum", 56.1629, 10.2039, "biologi")


def make_offer(title, place_name, latitude, longitude, subject_slug, municipality_code=751, **fields):
    organisation = factories.OrganisationFactory(name=f"{place_name} (udbyder)")
    place = factories.EnvironmentFactory(
        organisation=organisation,
        name=place_name,
        latitude=latitude,
        longitude=longitude,
        municipality=Municipality.objects.get(code=municipality_code),
    )
    return factories.OfferFactory(
        organisation=organisation,
        title=title,
        subjects=[Subject.objects.get(slug=subject_slug)],
        grade_from=Grade.objects.get(slug="4-klasse"),
        grade_to=Grade.objects.get(slug="6-klasse"),
        environments=[place],
        status=Offer.Status.PUBLISHED,
        **fields,
    )


def confirm_path(message_text: str) -> str:
    match = CONFIRM_LINK.search(message_text)
    assert match, message_text
    return match.group(1)


def link_path(url: str) -> str:
    assert url.startswith("http://testserver/"), url
    return url.removeprefix("http://testserver")


def query_of(querystring: str) -> QueryDict:
    return QueryDict(querystring)

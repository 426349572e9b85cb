"""A place typed again in a file joins the place the organisation already has: by id, then by name
and address, then by distance under 200 m between precise points; the report says which."""

import pytest

from directory.imports.columns import KEYS
from directory.imports.services import listings_import
from directory.models import Category, LearningEnvironment
from directory.services.environments import environment_create
from tests import factories

pytestmark = pytest.mark.django_db


def csv_bytes(rows):
    lines = [";".join(KEYS)] + [";".join(row.get(key, "") for key in KEYS) for row in rows]
    return "\n".join(lines).encode()


ROW = {
    "tilbud_id": "T1",
    "titel": "Oldtiden",
    "fag": "Historie",
    "klassetrin": "Mellemtrin",
    "pris": "Gratis",
}


@pytest.fixture
def museum(db):
    organisation = factories.OrganisationFactory(name="Moesgaard", slug="moesgaard")
    place = environment_create(
        organisation=organisation, name="Moesgaard Museum", category=Category.objects.get(slug="museum"),
        street_address="Moesgård Allé 15", postcode="8270", city="Højbjerg",
    )  # fmt: skip
    return organisation, place


def run(organisation, rows):
    return listings_import(organisation=organisation, data=csv_bytes(rows), filename="t.csv", dry_run=False)


def test_a_row_with_the_same_name_and_address_joins_the_existing_place_and_says_so(museum):
    organisation, place = museum
    row = dict(ROW, sted_id="MOES", sted_navn="MOESGAARD  museum", kategori="Museum", adresse="Moesgaard Allé 15",
               postnummer="8270", by="Højbjerg")  # fmt: skip
    report = run(organisation, [row])
    assert report.ok and report.written, report.problems()
    assert organisation.environments.count() == 1
    place.refresh_from_db()
    assert place.external_id == "MOES" and list(organisation.offers.get().environments.all()) == [place]
    readings = [text for _line, column, text in report.readings() if column == "sted_id"]
    assert readings == ["Slået sammen med det eksisterende sted “Moesgaard Museum” (samme navn og adresse)."]
    again = run(organisation, [row])  # and the next import finds it by its id
    assert again.count("create") == 0 and organisation.environments.count() == 1


def test_a_row_within_200_m_of_a_precisely_placed_place_joins_it(museum):
    organisation, place = museum
    place.latitude, place.longitude, place.coordinate_precision = 56.0880, 10.2270, "manual"
    place.save()
    near = dict(ROW, sted_id="HUS", sted_navn="Moesgaard, hovedbygningen", kategori="Museum",
                breddegrad="56.0885", laengdegrad="10.2272")  # fmt: skip
    report = run(organisation, [near])
    assert report.ok, report.problems()
    assert organisation.environments.count() == 1
    assert any("m derfra" in text for _line, _column, text in report.readings())


def test_a_row_farther_than_200_m_is_a_new_place(museum):
    organisation, place = museum
    place.latitude, place.longitude, place.coordinate_precision = 56.0880, 10.2270, "manual"
    place.save()
    far = dict(ROW, sted_id="STRAND", sted_navn="Moesgaard Strand", kategori="Museum",
               breddegrad="56.0830", laengdegrad="10.2400")  # fmt: skip
    report = run(organisation, [far])
    assert report.ok, report.problems()
    assert organisation.environments.count() == 2


def test_places_that_share_only_a_postcode_point_are_not_joined(museum):
    organisation, place = museum
    assert (
        place.coordinate_precision != LearningEnvironment.Precision.ADDRESS
    )  # the gazetteer knows no streets
    other = dict(ROW, sted_id="SKOV", sted_navn="Skovhytten", kategori="Naturskole", adresse="Skovvejen 2",
                 postnummer="8270", by="Højbjerg")  # fmt: skip
    report = run(organisation, [other])
    assert report.ok, report.problems()
    assert organisation.environments.count() == 2

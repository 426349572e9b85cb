"""A municipality's export names each row's organisation and status (CSV, XLSX, GeoJSON),
with formula cells neutralised."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from directory.models import Offer
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(zoo, zoo_place, zoo_draft):
    hostile = factories.OrganisationFactory(name='=HYPERLINK("http://x")', slug="hostile")
    place = factories.EnvironmentFactory(organisation=hostile, municipality=zoo_place.municipality)
    factories.OfferFactory(organisation=hostile, title="Offentligt", environments=[place])
    factories.OfferFactory(
        organisation=zoo, title="Venter", environments=[zoo_place], status=Offer.Status.PENDING
    )
    return zoo, hostile


def download(client, user, export_format):
    client.force_login(user)
    response = client.get(reverse("members:municipality_export", args=[751, export_format]))
    assert response.status_code == 200
    return response.content


def test_the_csv_leads_each_row_with_its_organisation_and_status(client, municipality_admin, listings):
    text = download(client, municipality_admin, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:2] == ["organisation", "status"]
    by_title = {row["titel"]: row for row in rows}
    assert by_title["Zooens hemmelige kladde"]["organisation"] == "Aarhus Zoo"
    assert by_title["Zooens hemmelige kladde"]["status"] == Offer.Status.DRAFT.label
    assert by_title["Venter"]["status"] == Offer.Status.PENDING.label
    assert by_title["Offentligt"]["organisation"].startswith("'=HYPERLINK")  # neutralised


def test_the_xlsx_and_geojson_carry_the_same_columns(client, municipality_admin, listings):
    sheet = load_workbook(io.BytesIO(download(client, municipality_admin, "xlsx"))).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:2] == ["organisation", "status"]
    owners = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Aarhus Zoo" in owners
    features = json.loads(download(client, municipality_admin, "geojson"))["features"]
    assert {feature["properties"]["organisation"] for feature in features} >= {"Aarhus Zoo"}
    assert all("status" in feature["properties"] for feature in features)

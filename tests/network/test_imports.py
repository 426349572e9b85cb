"""Bulk import and export: dry run, real run, re-runs, bad files, round trips."""

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from directory.imports import export
from directory.imports.columns import KEYS
from directory.imports.services import listings_import
from directory.models import LearningEnvironment, Offer

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    {
        "sted_id": "ZOO", "sted_navn": "Zoo-skolen", "kategori": "Zoo/akvarium", "adresse": "Carl Nielsens Vej 5",
        "postnummer": "8270", "by": "Højbjerg", "tilbud_id": "PINGVIN", "titel": "Pingviner på nært hold",
        "fag": "Biologi; Natur/teknologi", "fra_klassetrin": "1. klasse", "til_klassetrin": "4. klasse",
        "form": "Besøg på stedet", "varighed": "90", "pris": "350,00", "maaneder": "marts; april; maj",
        "sprog": "da; en",
    },
    {"sted_id": "ZOO", "tilbud_id": "RANDERS", "titel": "Regnskoven", "fag": "Geografi",
     "fra_klassetrin": "5. klasse", "til_klassetrin": "9. klasse", "pris": "Gratis"},
    {"sted_id": "SKOV", "sted_navn": "Skovhytten", "kategori": "naturskole-naturcenter", "adresse": "Skovvej 1",
     "postnummer": "6700", "by": "Esbjerg", "tilbud_id": "PINGVIN"},
    {"tilbud_id": "DIGI", "titel": "Virtuel rundvisning", "fag": "Biologi", "fra_klassetrin": "Børnehave",
     "til_klassetrin": "0. klasse", "form": "Digitalt", "pris": "0"},
]  # fmt: skip


def csv_bytes(rows, headers=KEYS, delimiter=";", encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def run(organisation, data, *, dry_run=False, filename="tilbud.csv", user=None):
    return listings_import(
        organisation=organisation, data=data, filename=filename, user=user, dry_run=dry_run
    )


def nothing_written(organisation):
    return not organisation.offers.exists() and not organisation.environments.exists()


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(zoo):
    report = run(zoo, csv_bytes(GOOD_ROWS), dry_run=True)
    assert report.ok and not report.written
    assert report.count("create") == 5  # two places, three offers
    assert nothing_written(zoo)


def test_a_good_file_imports_every_row(zoo, editor_of_zoo):
    report = run(zoo, csv_bytes(GOOD_ROWS), user=editor_of_zoo)
    assert report.ok and report.written, report.problems()
    penguins = zoo.offers.get(external_id="PINGVIN")
    assert {place.external_id for place in penguins.environments.all()} == {"ZOO", "SKOV"}
    assert sorted(subject.slug for subject in penguins.subjects.all()) == ["biologi", "natur-teknologi"]
    assert penguins.price_dkk == 350 and penguins.duration_minutes == 90 and penguins.month_list == [3, 4, 5]
    assert sorted(language.code for language in penguins.languages.all()) == ["da", "en"]
    assert penguins.status == Offer.Status.PUBLISHED  # the zoo is a network member
    assert zoo.offers.get(external_id="DIGI").format == Offer.Format.DIGITAL
    forest = zoo.environments.get(external_id="SKOV")
    assert forest.municipality_id == 561 and forest.latitude is not None  # geocoded (Esbjerg)
    assert penguins.history.first().history_user == editor_of_zoo


def test_importing_the_same_file_again_changes_nothing(zoo):
    run(zoo, csv_bytes(GOOD_ROWS))
    counts = (Offer.objects.count(), LearningEnvironment.objects.count())
    report = run(zoo, csv_bytes(GOOD_ROWS))
    assert report.ok and report.count("create") == 0 and report.count("update") == 0
    assert (Offer.objects.count(), LearningEnvironment.objects.count()) == counts


def test_a_changed_row_updates_the_existing_offer(zoo):
    run(zoo, csv_bytes(GOOD_ROWS))
    changed = [dict(GOOD_ROWS[0], titel="Pingviner og søløver"), *GOOD_ROWS[1:]]
    report = run(zoo, csv_bytes(changed))
    assert report.count("update") == 1
    assert zoo.offers.get(external_id="PINGVIN").title == "Pingviner og søløver"


def test_an_outsiders_import_waits_for_approval(outsider_org, editor_of_outsider):
    report = run(outsider_org, csv_bytes(GOOD_ROWS), user=editor_of_outsider)
    assert report.written
    assert set(outsider_org.offers.values_list("status", flat=True)) == {Offer.Status.PENDING}


def problems_of(report):
    return {(line, column) for line, column, _message in report.problems()}


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"titel": ""}, "titel"),
        ({"fag": "Biologi; Alkymi"}, "fag"),
        ({"fra_klassetrin": "7. klasse", "til_klassetrin": "2. klasse"}, "til_klassetrin"),
        ({"postnummer": "9999", "by": "Ingenby", "adresse": "Ingenvej 1"}, "adresse"),
        ({"kategori": "Rumstation"}, "kategori"),
        ({"pris": "en pose bolcher"}, "pris"),
        ({"maaneder": "marts; smarts"}, "maaneder"),
    ],
    ids=["missing title", "unknown subject", "grade range backwards", "address not found", "category", "price",
         "month"],
)  # fmt: skip
def test_a_bad_row_is_reported_by_line_and_column_and_nothing_is_written(zoo, change, column):
    rows = [GOOD_ROWS[3], dict(GOOD_ROWS[0], **change), *GOOD_ROWS[1:3]]
    report = run(zoo, csv_bytes(rows))
    assert not report.ok and not report.written
    assert (3, column) in problems_of(report), report.problems()  # header is line 1, the bad row line 3
    assert nothing_written(zoo)


def test_a_file_in_the_wrong_encoding_names_the_line_and_writes_nothing(zoo):
    report = run(zoo, csv_bytes(GOOD_ROWS, encoding="cp1252"))
    assert not report.ok
    (line, _column, message), *_ = report.problems()
    assert line == 2 and "UTF-8" in message
    assert nothing_written(zoo)


def test_a_50_megabyte_file_is_refused_unread(zoo):
    data = csv_bytes(GOOD_ROWS) + b"x" * (50 * 1024 * 1024)
    report = run(zoo, data)
    assert not report.ok and "for stor" in report.problems()[0][2]
    assert nothing_written(zoo)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "billede.csv"),
        (b"PK\x03\x04 this is no spreadsheet", "tilbud.xlsx"),
        (b"%PDF-1.7\nnot, a; csv\n1 0 obj\n", "tilbud.csv"),
    ],
    ids=["binary", "broken xlsx", "pdf"],
)
def test_a_file_that_is_not_a_table_at_all_is_refused(zoo, data, filename):
    report = run(zoo, data, filename=filename)
    assert not report.ok and report.problems()
    assert nothing_written(zoo)


def test_an_unknown_column_is_named(zoo):
    rows = [dict(GOOD_ROWS[0], hemmelig="x")]
    report = run(zoo, csv_bytes(rows, headers=[*KEYS, "hemmelig"]))
    assert (1, "hemmelig") in problems_of(report)


def test_english_and_loosely_written_danish_headers_are_accepted(zoo):
    headers = {"tilbud_id": "Offer ID", "titel": "Title", "fag": "Fag", "fra_klassetrin": "Fra klassetrin",
               "til_klassetrin": "til-klassetrin", "maaneder": "Måneder"}  # fmt: skip
    row = {headers[key]: value for key, value in GOOD_ROWS[3].items() if key in headers}
    row["Måneder"] = "1; 2"
    report = run(zoo, csv_bytes([row], headers=list(headers.values()), delimiter=","))
    assert report.written, report.problems()
    assert zoo.offers.get(external_id="DIGI").month_list == [1, 2]


def test_an_xlsx_file_imports_like_a_csv(zoo):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KEYS)
    for row in GOOD_ROWS:
        sheet.append(
            [int(row[key]) if key == "postnummer" and row.get(key) else row.get(key, "") for key in KEYS]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(zoo, buffer.getvalue(), filename="tilbud.xlsx")
    assert report.written, report.problems()
    assert zoo.environments.get(external_id="ZOO").postcode == "8270"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(zoo, zoo_place, export_format):
    run(zoo, csv_bytes(GOOD_ROWS))
    from tests import factories

    factories.OfferFactory(organisation=zoo, title="Uden eksternt id", environments=[zoo_place])
    data = export.render(export.export_rows(zoo.offers.all(), zoo.environments.all()), export_format)
    before = (Offer.objects.count(), LearningEnvironment.objects.count())
    report = run(zoo, data, filename=f"eksport.{export_format}")
    assert report.ok, report.problems()
    assert report.count("create") == 0 and report.count("update") == 0
    assert (Offer.objects.count(), LearningEnvironment.objects.count()) == before


def test_the_geojson_export_carries_the_same_columns_with_points(zoo):
    run(zoo, csv_bytes(GOOD_ROWS))
    collection = json.loads(
        export.render(export.export_rows(zoo.offers.all(), zoo.environments.all()), "geojson")
    )
    located = [feature for feature in collection["features"] if feature["geometry"]]
    assert set(collection["features"][0]["properties"]) == set(KEYS)
    assert {feature["properties"]["sted_id"] for feature in located} == {"ZOO", "SKOV"}
    assert all(-180 <= feature["geometry"]["coordinates"][0] <= 180 for feature in located)


def test_the_template_is_a_valid_import_file(zoo):
    workbook = load_workbook(io.BytesIO(export.render(export.template_rows(), "xlsx")))
    assert [cell.value for cell in workbook.active[1]] == KEYS
    report = run(zoo, export.render(export.template_rows(), "csv"), dry_run=True)
    assert report.ok, report.problems()


def test_the_import_page_shows_each_reading_the_drafts_and_every_accepted_word(client, editor_of_zoo, zoo):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    rows = [
        dict(GOOD_ROWS[0], fra_klassetrin="Indskoling", til_klassetrin="", pris="<b>DKK 50 pr. elev</b>"),
        dict(GOOD_ROWS[1], pris=""),
    ]
    client.force_login(editor_of_zoo)
    upload = SimpleUploadedFile("tilbud.csv", csv_bytes(rows), content_type="text/csv")
    page = client.post(reverse("members:import", args=[zoo.slug]), {"file": upload}).content.decode()
    assert "“Indskoling” læst som 0.–3. klasse" in page
    assert 'id="import-drafts"' in page and "Prisen mangler" in page
    assert "&lt;b&gt;DKK 50 pr. elev&lt;/b&gt;" in page and "<b>DKK" not in page  # provider text escaped
    for word in ("Mellemtrin", "N/T", "Naturskole".lower(), "vi kommer ud", "materialekasse"):
        assert word in page, word
    assert nothing_written(zoo)

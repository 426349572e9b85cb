"""Turn an uploaded file into rows of {column key: text}, or say precisely why not.

Only UTF-8 CSV (with or without BOM; comma, semicolon or tab separated) and XLSX are read.
A file in another encoding is refused rather than guessed at: a wrong guess would
silently store 'Ã¦' for 'æ' in every listing.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from directory.imports import safety
from directory.imports.columns import BY_KEY, column_for

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)  # declared in settings, from the env


@dataclass
class FileProblem:
    message: str
    row: int | None = None  # the line in the file; the header is line 1
    column: str | None = None


class UnreadableFile(Exception):
    def __init__(self, problems: list[FileProblem]):
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line number, values)
    columns: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str = "") -> Table:
    if len(data) > max_bytes():
        limit = max_bytes() // (1024 * 1024)
        raise UnreadableFile([FileProblem(_("Filen er for stor (højst %(limit)d MB).") % {"limit": limit})])
    if not data.strip():
        raise UnreadableFile([FileProblem(_("Filen er tom."))])
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        matrix = _xlsx_matrix(data)
    else:
        matrix = _csv_matrix(data)
    return _to_table(matrix)


Matrix = list[tuple[int, list[str]]]  # (line number in the file, cells)


def _too_big(what: str, most: int, row: int | None = None) -> UnreadableFile:
    return UnreadableFile(
        [
            FileProblem(
                _("Filen har for mange %(what)s (højst %(most)s). Del den op i flere filer.")
                % {"what": what, "most": f"{most:,}".replace(",", ".")},
                row=row,
            )
        ]
    )


def _checked_row(line: int, row: list[str], matrix: Matrix) -> None:
    """Stop at the first row past a limit, before the rest of the file is read."""
    if len(matrix) > safety.limit("IMPORT_MAX_ROWS") + 1:  # the header is a row of the matrix
        raise _too_big(_("rækker"), safety.limit("IMPORT_MAX_ROWS"), row=line)
    most_columns = safety.limit("IMPORT_MAX_COLUMNS")
    if len(row) > most_columns and any(cell.strip() for cell in row[most_columns:]):
        raise _too_big(_("kolonner"), most_columns, row=line)
    longest = safety.limit("IMPORT_MAX_CELL_CHARS")
    for index, cell in enumerate(row):
        if len(cell) > longest:
            raise UnreadableFile(
                [
                    FileProblem(
                        _("Feltet er for langt (højst %(most)s tegn).") % {"most": longest},
                        row=line,
                        column=str(index + 1),
                    )
                ]
            )


def _csv_dialect(text: str) -> type[csv.Dialect]:
    """The separator from a real sample (whole lines, quoted line breaks and all), quoting as Excel's.

    Sniffing the header alone guessed no doubled quotes, so `Titel med "citat"` came back changed;
    the quote rules are the CSV standard's whatever the sample shows.
    """
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = text.split("\n", 1)[0]
        delimiter = max(";,\t", key=header.count)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def _csv_matrix(data: bytes) -> Matrix:
    if b"\x00" in data[:8192]:
        raise UnreadableFile([FileProblem(_("Filen er ikke en CSV- eller XLSX-fil."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            [FileProblem(_("Filen er ikke gemt som UTF-8. Gem den som 'CSV UTF-8' og prøv igen."), row=line)]
        ) from error
    matrix, start = [], 1
    reader = csv.reader(io.StringIO(text, newline=""), _csv_dialect(text))
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                matrix.append((start, row))
                _checked_row(start, row, matrix)
            start = reader.line_num + 1  # a quoted cell may span several lines
    except csv.Error as error:
        raise UnreadableFile(
            [FileProblem(_("Filen kan ikke læses som CSV: %(error)s") % {"error": error}, row=start)]
        ) from error
    return matrix


def _check_unpacked_size(data: bytes) -> None:
    """An XLSX is a zip of XML: refuse one that unpacks to more than we will parse (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile([FileProblem(_("Filen kan ikke læses som XLSX."))]) from error
    if unpacked > safety.limit("IMPORT_MAX_UNPACKED_BYTES"):
        raise UnreadableFile([FileProblem(_("Filen fylder for meget, når den pakkes ud. Del den op."))])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as part:
                    safety.count_sheet_cells(part)


def _xlsx_matrix(data: bytes) -> Matrix:
    # openpyxl parses through defusedxml when it is installed (a dependency of ours): a DTD,
    # external entities or entity expansion stop the parser instead of reaching the network
    # or filling memory.
    from openpyxl import load_workbook

    matrix: Matrix = []
    try:
        _check_unpacked_size(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise UnreadableFile([FileProblem(_("Filen har intet regneark."))])
        sheet = workbook.worksheets[0]
        # The sheet's own size claim (A1:XFD1048576) would pad every row to 16,384 cells.
        sheet.reset_dimensions()
        most = safety.limit("IMPORT_MAX_COLUMNS")
        for line, values in enumerate(sheet.iter_rows(values_only=True, max_col=most + 1), start=1):
            row = ["" if value is None else _cell_text(value) for value in values]
            while row and not row[-1]:  # max_col pads every row with empty cells
                row.pop()
            if any(cell.strip() for cell in row):
                matrix.append((line, row))
                _checked_row(line, row, matrix)
        workbook.close()
    except UnreadableFile:
        raise
    except safety.TooManyCells as error:
        raise _too_big(_("celler"), error.most, row=error.row) from error
    except (
        Exception
    ) as error:  # hostile XML fails in many ways (DTD, entities, syntax, zip); all say the same
        logger.info("Unreadable XLSX upload: %r", error)
        raise UnreadableFile([FileProblem(_("Filen kan ikke læses som XLSX."))]) from error
    return matrix


def _cell_text(value) -> str:
    # Excel stores 8270 as 8270.0 when typed as a number; a postcode must stay "8270".
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_table(matrix: Matrix) -> Table:
    if not matrix:
        raise UnreadableFile([FileProblem(_("Filen er tom."))])
    (header_line, header), *body = matrix
    columns, problems = [], []
    for name in header:
        key = column_for(name)
        if key is None and str(name).strip():
            problems.append(
                FileProblem(
                    _("Ukendt kolonne “%(name)s”.") % {"name": name}, row=header_line, column=str(name)
                )
            )
        if key in columns:
            problems.append(FileProblem(_("Kolonnen står to gange."), row=header_line, column=str(name)))
        columns.append(key)
    if not any(columns):
        raise UnreadableFile(
            [
                FileProblem(
                    _("Første linje skal være kolonnenavnene fra skabelonen; ingen blev genkendt."),
                    row=header_line,
                )
            ]
        )
    if problems:
        raise UnreadableFile(problems)
    table = Table(columns=[key for key in columns if key])
    for line, values in body:
        if len(values) > len(columns) and any(value.strip() for value in values[len(columns) :]):
            raise UnreadableFile([FileProblem(_("Linjen har flere felter end der er kolonner."), row=line)])
        row = {
            key: (safety.restore(values[index].strip()) if index < len(values) else "")
            for index, key in enumerate(columns)
            if key
        }
        table.rows.append((line, row))
    return table


def header_label(key: str) -> str:
    return BY_KEY[key].key if key in BY_KEY else key

"""Turn an uploaded file into rows of {column key: text}, or say precisely why not.

Only UTF-8 CSV (with or without BOM; comma, semicolon or tab separated) and XLSX are read.
A file in another encoding is refused rather than guessed at: a wrong guess would
silently store 'Ã¦' for 'æ' in every listing.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from directory.imports.columns import BY_KEY, column_for

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


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
    try:
        dialect = csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    matrix, start = [], 1
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                matrix.append((start, row))
            start = reader.line_num + 1  # a quoted cell may span several lines
    except csv.Error as error:
        raise UnreadableFile(
            [FileProblem(_("Filen kan ikke læses som CSV: %(error)s") % {"error": error}, row=start)]
        ) from error
    return matrix


def _xlsx_matrix(data: bytes) -> Matrix:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise UnreadableFile([FileProblem(_("Filen kan ikke læses som XLSX."))]) from error
    sheet = workbook.worksheets[0]
    matrix = []
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        row = ["" if value is None else _cell_text(value) for value in values]
        if any(cell.strip() for cell in row):
            matrix.append((line, row))
    workbook.close()
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
            key: (values[index].strip() if index < len(values) else "")
            for index, key in enumerate(columns)
            if key
        }
        table.rows.append((line, row))
    return table


def header_label(key: str) -> str:
    return BY_KEY[key].key if key in BY_KEY else key

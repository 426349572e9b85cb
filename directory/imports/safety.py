"""Spreadsheets that cannot hurt their reader, and limits that keep an upload from hurting us.

Exports: a cell a member typed that starts with = + - @ (or tab / carriage return) would run
as a formula in Excel or LibreOffice (`=HYPERLINK(…)` phoning home with the sheet's data),
so CSV cells get OWASP's leading apostrophe and XLSX cells are written as text, never as
formulas. The importer takes the apostrophe off again, so export → import changes nothing.

Imports: the limits below are checked while the file streams in, before anything big is
built in memory; an XLSX is a zip of XML, so its unpacked size is checked before parsing.
"""

from __future__ import annotations

import io
import xml.parsers.expat
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.conf import settings

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"

DEFAULT_LIMITS = {
    "IMPORT_MAX_ROWS": 5_000,
    "IMPORT_MAX_COLUMNS": 60,
    "IMPORT_MAX_CELL_CHARS": 10_000,
    # An XLSX of the largest allowed upload may unpack to this much XML, no more (zip bombs).
    "IMPORT_MAX_UNPACKED_BYTES": 60 * 1024 * 1024,
    "IMPORT_MAX_CELLS": 500_000,
}
# Excel's grid is 16,384 columns wide: a row with more cell elements is not a spreadsheet.
MOST_CELLS_IN_A_ROW = 16_384


def limit(name: str) -> int:
    return int(getattr(settings, name, DEFAULT_LIMITS[name]))


def neutralise(value: Any) -> Any:
    """A CSV cell a spreadsheet reads as text: a leading apostrophe before a formula character."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return NEUTRALISING_PREFIX + value
    return value


def restore(text: str) -> str:
    """The importer's inverse of neutralise: the cell as the member typed it."""
    if text.startswith(NEUTRALISING_PREFIX) and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """An XLSX workbook of one sheet whose every text cell is a string, never a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for values in [list(headers), *rows]:
        sheet.append(["" if value is None else value for value in values])
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes any text starting with "=" for a formula
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class TooManyCells(Exception):
    def __init__(self, most: int, row: int | None):
        super().__init__(f"more than {most} cells (row {row})")
        self.most, self.row = most, row


def count_sheet_cells(part: IO[bytes]) -> None:
    """Count a sheet's cells as its XML streams past (expat, nothing kept), stopping at the limits.

    openpyxl builds a whole row in memory before handing it over, so one row of millions of
    cells (a few MB zipped) would take gigabytes: this pass refuses such a file first. A DTD is
    refused here as well (openpyxl's defusedxml would refuse it a moment later).
    """
    most_cells = limit("IMPORT_MAX_CELLS")
    counts = {"total": 0, "row": 0, "row_number": 0}

    def start(name: str, attributes: dict) -> None:
        local = name.rsplit(":", 1)[-1].rsplit("}", 1)[-1]
        if local == "row":
            counts["row"] = 0
            counts["row_number"] = int(attributes.get("r", counts["row_number"] + 1) or 0)
        elif local == "c":
            counts["row"] += 1
            counts["total"] += 1
            if counts["row"] > MOST_CELLS_IN_A_ROW:
                raise TooManyCells(MOST_CELLS_IN_A_ROW, counts["row_number"])
            if counts["total"] > most_cells:
                raise TooManyCells(most_cells, counts["row_number"])

    def refuse_dtd(*_args) -> None:
        raise ValueError("a DTD in a worksheet")

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    while chunk := part.read(65536):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)

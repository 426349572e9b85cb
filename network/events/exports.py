"""The participant list as CSV or XLSX. A cell a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import tablib
from django.utils import timezone

from network.events.models import Registration

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADERS = ["navn", "e-mail", "arbejdssted", "rolle", "behov", "status", "tilmeldt"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """'=HYPERLINK(…)' becomes "'=HYPERLINK(…)": shown as text, never evaluated (OWASP CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def rows(registrations: list[Registration]) -> list[list[str]]:
    return [
        [
            neutralise(value)
            for value in (
                registration.name,
                registration.email,
                registration.organisation_name,
                registration.role,
                registration.needs,
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            )
        ]
        for registration in registrations
    ]


def render(registrations: list[Registration], export_format: str) -> bytes:
    data = tablib.Dataset(*rows(registrations), headers=HEADERS, title="deltagere")
    if export_format == "csv":
        return ("\ufeff" + data.export("csv")).encode("utf-8")  # BOM: Excel reads æøå right
    return data.export("xlsx")

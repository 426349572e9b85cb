"""A municipality's listings for its school service: the import format's columns, each row
led by the organisation that owns it and its status (published, pending, draft)."""

from __future__ import annotations

import json

import tablib
from django.db.models import QuerySet

from directory.imports import export, safety
from directory.imports.columns import KEYS
from directory.imports.runner import offer_key, place_key
from directory.models import LearningEnvironment, Offer, Organisation

OWNER_KEYS = ["organisation", "status"]
HEADERS = [*OWNER_KEYS, *KEYS]


def municipality_rows(offers: QuerySet[Offer], environments: QuerySet[LearningEnvironment]) -> list[dict]:
    """export.export_rows per organisation, so each row's owner is known (an offer's key is
    unique only within its organisation), with the owner's name and the row's status."""
    rows = []
    owners = Organisation.objects.filter(pk__in=offers.values("organisation")) | Organisation.objects.filter(
        pk__in=environments.values("organisation")
    )
    for organisation in owners.distinct().order_by("name"):
        own_offers = offers.filter(organisation=organisation)
        statuses = {offer_key(offer): offer.get_status_display() for offer in own_offers}
        places = {
            place_key(place): place.get_status_display()
            for place in environments.filter(organisation=organisation)
        }
        for row in export.export_rows(own_offers, environments.filter(organisation=organisation)):
            status = statuses.get(row["tilbud_id"]) if row["tilbud_id"] else places.get(row["sted_id"], "")
            rows.append({"organisation": organisation.name, "status": status or "", **row})
    return rows


def render(rows: list[dict], export_format: str) -> bytes:
    if export_format == "csv":
        data = tablib.Dataset(headers=HEADERS, title="tilbud")
        for row in rows:
            data.append([safety.neutralise(row[key]) for key in HEADERS])
        return ("\ufeff" + data.export("csv")).encode("utf-8")
    if export_format == "xlsx":
        return safety.xlsx_bytes(HEADERS, ([row[key] for key in HEADERS] for row in rows), title="tilbud")
    if export_format == "geojson":
        collection = export.geojson(rows)
        for feature, row in zip(collection["features"], rows, strict=True):
            feature["properties"] = {key: row[key] for key in OWNER_KEYS} | feature["properties"]
        return json.dumps(collection, ensure_ascii=False).encode("utf-8")
    raise ValueError(f"Unknown export format {export_format!r}")

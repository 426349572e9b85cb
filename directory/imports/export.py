"""Write places and offers in the import format: CSV, XLSX, or GeoJSON with the same properties."""

from __future__ import annotations

import json
from collections.abc import Iterable

import tablib
from django.db.models import Prefetch, QuerySet

from directory import wording
from directory.imports import safety
from directory.imports.columns import KEYS
from directory.imports.runner import offer_key, place_key
from directory.models import LearningEnvironment, Offer

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}


def _names(items: Iterable) -> str:
    return "; ".join(item.name for item in items)


def _place_cells(environment: LearningEnvironment | None) -> dict:
    if environment is None:
        return {}
    return {
        "organisation": environment.organisation.name,
        "sted_id": place_key(environment),
        "sted_navn": environment.name,
        "kategori": environment.category.name,
        "adresse": environment.street_address,
        "postnummer": environment.postcode,
        "by": environment.city,
        "breddegrad": "" if environment.latitude is None else f"{environment.latitude:.6f}",
        "laengdegrad": "" if environment.longitude is None else f"{environment.longitude:.6f}",
    }


def _offer_cells(offer: Offer) -> dict:
    return {
        "organisation": offer.organisation.name,
        "tilbud_id": offer_key(offer),
        "titel": offer.title,
        "kort_beskrivelse": offer.summary,
        "beskrivelse": offer.description,
        "fag": _names(offer.subjects.all()),
        "fra_klassetrin": offer.grade_from.name,
        "til_klassetrin": offer.grade_to.name,
        "form": offer.get_format_display(),
        "varighed": wording.duration_text(offer.duration_minutes, offer.duration_max_minutes, offer.duration_days),
        "deltagere": wording.group_text(wording.Group(
            offer.min_participants, offer.max_participants, offer.max_classes, offer.adults_per_group
        )),
        "pris": wording.price_text(offer.price_kind, offer.price_dkk, offer.price_unit),
        "prisnote": offer.price_note,
        "maaneder": wording.months_text(offer.months),
        "periode": offer.period_note,
        "laeringsmaal": offer.learning_goals,
        "krav": offer.requirements,
        "noegleord": offer.keywords,
        "sprog": "; ".join(language.code for language in offer.languages.all()),
        "bookinglink": offer.booking_url,
        "booking_email": offer.booking_email,
        "booking_telefon": offer.booking_phone,
    }  # fmt: skip


def export_rows(offers: QuerySet[Offer], environments: QuerySet[LearningEnvironment]) -> list[dict]:
    """One row per offer and place; places without offers get a row of their own."""
    offers = offers.exclude(status=Offer.Status.ARCHIVED).select_related(
        "grade_from", "grade_to", "organisation"
    )
    offers = offers.prefetch_related(None).prefetch_related(  # replace any prefetch the caller set
        "subjects", "languages", Prefetch("environments", queryset=LearningEnvironment.objects.select_related("category", "organisation"))
    )  # fmt: skip
    rows, used_places = [], set()
    for offer in offers.order_by("title", "pk"):
        places = [
            place for place in offer.environments.all() if place.status == LearningEnvironment.Status.ACTIVE
        ]
        for place in places or [None]:
            rows.append({key: "" for key in KEYS} | _place_cells(place) | _offer_cells(offer))
            if place is not None:
                used_places.add(place.pk)
    lonely = environments.active().exclude(pk__in=used_places).select_related("category", "organisation")
    lonely = lonely.order_by("name")
    rows += [{key: "" for key in KEYS} | _place_cells(place) for place in lonely]
    return rows


def dataset(rows: list[dict]) -> tablib.Dataset:
    data = tablib.Dataset(headers=KEYS, title="tilbud")
    for row in rows:
        data.append([row[key] for key in KEYS])
    return data


def render(rows: list[dict], export_format: str) -> bytes:
    # Cells are neutralised (directory/imports/safety.py): a member's "=HYPERLINK(…)" stays text.
    if export_format == "csv":
        # A BOM so Excel opens the UTF-8 file with æ, ø and å intact; our importer accepts it.
        neutral = [{key: safety.neutralise(value) for key, value in row.items()} for row in rows]
        return ("\ufeff" + dataset(neutral).export("csv")).encode("utf-8")
    if export_format == "xlsx":
        return safety.xlsx_bytes(KEYS, ([row[key] for key in KEYS] for row in rows), title="tilbud")
    if export_format == "geojson":
        return json.dumps(geojson(rows), ensure_ascii=False).encode("utf-8")
    raise ValueError(f"Unknown export format {export_format!r}")


def geojson(rows: list[dict]) -> dict:
    features = []
    for row in rows:
        located = row["breddegrad"] != "" and row["laengdegrad"] != ""
        geometry = (
            {"type": "Point", "coordinates": [float(row["laengdegrad"]), float(row["breddegrad"])]}
            if located
            else None
        )
        features.append(
            {"type": "Feature", "geometry": geometry, "properties": {key: row[key] for key in KEYS}}
        )
    return {"type": "FeatureCollection", "features": features}


def template_rows() -> list[dict]:
    """An example row for the downloadable template."""
    example = {
        "sted_id": "HOVEDHUS", "sted_navn": "Eksempelmuseet", "kategori": "Museum", "adresse": "Vestergade 1",
        "postnummer": "8000", "by": "Aarhus C", "tilbud_id": "FORLOEB-1", "titel": "Vikingetiden for 4. klasse",
        "kort_beskrivelse": "Et forløb med genstande fra udgravningerne.", "fag": "Historie; Dansk",
        "klassetrin": "Mellemtrin", "form": "Besøg på stedet", "varighed": "1½ time", "deltagere": "max. 28 elever",
        "pris": "Gratis", "maaneder": "hele skoleåret", "krav": "Klassen har læst om vikingetiden.",
        "laeringsmaal": "Eleverne kan fortælle om vikingetidens samfund ud fra genstande.",
        "noegleord": "vikinger, arkæologi", "sprog": "da", "bookinglink": "https://example.dk/booking",
    }  # fmt: skip
    return [{key: example.get(key, "") for key in KEYS}]

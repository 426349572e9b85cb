"""Loads the 5 regions and 98 municipalities from maps/data/municipalities.csv."""

import csv
from pathlib import Path

from django.utils.text import slugify

from maps.models import municipality_short_name

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIONS = [
    (1081, "Region Nordjylland", "nordjylland"),
    (1082, "Region Midtjylland", "midtjylland"),
    (1083, "Region Syddanmark", "syddanmark"),
    (1084, "Region Hovedstaden", "hovedstaden"),
    (1085, "Region Sjælland", "sjaelland"),
]


def danish_slug(text: str) -> str:
    """'Høje-Taastrup Kommune' -> 'hoeje-taastrup', 'Københavns Kommune' -> 'koebenhavn';
    æøå spelled out as Danes do in URLs."""
    text = municipality_short_name(text).lower()
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelled)
    return slugify(text)


def read_municipalities() -> list[dict]:
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return list(csv.DictReader(lines))


def sync_geography(apps) -> None:
    Region = apps.get_model("maps", "Region")
    Municipality = apps.get_model("maps", "Municipality")
    for code, name, slug in REGIONS:
        Region.objects.update_or_create(code=code, defaults={"name": name, "slug": slug})
    for row in read_municipalities():
        Municipality.objects.update_or_create(
            code=int(row["code"]),
            defaults={
                "name": row["name"],
                "slug": danish_slug(row["name"]),
                "region_id": int(row["region_code"]),
                "latitude": float(row["latitude"]),
                "longitude": float(row["longitude"]),
            },
        )

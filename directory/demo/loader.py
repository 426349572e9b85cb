"""Load the demo network (directory.demo.data) into the database, idempotently.

Organisations are keyed by slug, places by (organisation, external id "demo-<key>"), offers
by slug. A second run updates what changed and counts the rest as unchanged, so no row is
duplicated and history only records real changes. Places go through the environment
services (which derive municipality and region from the coordinates); organisations and
offers are written directly, each validated with full_clean(), because the loader is an
operator's tool, not a member editing their own listing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.demo.data.offers import SEASONS, TEMPLATES
from directory.demo.data.organisations import ORGANISATIONS
from directory.models import Category, Grade, Language, LearningEnvironment, Offer, Organisation, Subject
from directory.models.offers import months_to_mask
from directory.reference_data import sync_taxonomy
from directory.search.refresh import search_index_refresh
from directory.services.environments import environment_create, environment_update
from maps.models import Municipality

DEMO_PREFIX = "demo-"
TEMPLATES_PER_PLACE = 2
ADDRESS_AND_POINT = ("street_address", "postcode", "city", "latitude", "longitude")
Progress = Callable[[Iterable], Iterable]


def stable_number(text: str) -> int:
    """A number from text that is the same in every run (Python's hash() is salted per process)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)


class _Reference:
    """Reference rows by slug/code, read once per run."""

    def __init__(self) -> None:
        self.subjects = {row.slug: row for row in Subject.objects.all()}
        self.grades = {row.slug: row for row in Grade.objects.all()}
        self.categories = {row.slug: row for row in Category.objects.all()}
        self.languages = {row.code: row for row in Language.objects.all()}
        self.municipalities = {row.code: row for row in Municipality.objects.all()}


@transaction.atomic
def load_demo_network(*, progress: Progress | None = None) -> dict[str, Counter]:
    """Create or update the demo network; returns counts of created/updated/unchanged per kind."""
    sync_taxonomy(django_apps)
    reference = _Reference()
    tally: dict[str, Counter] = {"organisations": Counter(), "environments": Counter(), "offers": Counter()}
    template_number = 0
    for data in (progress or (lambda items: items))(ORGANISATIONS):
        organisation = _upsert_organisation(data, reference, tally["organisations"])
        places = {
            place["key"]: _upsert_environment(organisation, place, reference, tally["environments"])
            for place in data["environments"]
        }
        for offer in data["offers"]:
            chosen = [places[key] for key in offer.get("environments", places)]
            slug = f"{data['slug']}-{offer['key']}"
            _upsert_offer(organisation, slug, offer, chosen, reference, tally["offers"], status="published")
        for key, place in places.items():
            for offer in _templates_for(key, place.category.slug):
                template_number += 1
                # A few drafts and archived offers, as in a real catalogue.
                status = (
                    "draft"
                    if template_number % 13 == 0
                    else "archived"
                    if template_number % 19 == 0
                    else None
                )
                text = {"place": place.name, "city": place.city}
                filled = {**offer, "summary": offer["summary"].format(**text)}
                filled["description"] = offer["description"].format(**text)
                # Most everyday offers are free; give some a typical class price.
                filled.setdefault(
                    "price", (0, 0, 0, 0, 500, 750, 1000, 1250)[stable_number(key + offer["title"]) % 8]
                )
                slug = _template_slug(offer["title"], key)
                _upsert_offer(organisation, slug, filled, [place], reference, tally["offers"], status=status)
    search_index_refresh()  # offers are written directly above; rebuild the search table once
    return tally


def _templates_for(place_key: str, category: str) -> list[dict]:
    templates = TEMPLATES.get(category) or TEMPLATES["andet"]
    first = stable_number(place_key) % len(templates)
    count = min(TEMPLATES_PER_PLACE, len(templates))
    return [templates[(first + step) % len(templates)] for step in range(count)]


def _template_slug(title: str, place_key: str) -> str:
    """'Dyrenes tilpasning' at odense-zoo -> 'dyrenes-tilpasning-odense-zoo' (æøå spelled out)."""
    text = title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return f"{slugify(text)}-{place_key}"


def _apply(instance: Any, values: dict[str, Any]) -> bool:
    """Set values that differ; True if anything changed."""
    changed = False
    for name, value in values.items():
        if isinstance(value, models.Model):  # compare ids: an unset relation raises on access
            current, wanted = getattr(instance, instance._meta.get_field(name).attname), value.pk
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            setattr(instance, name, value)
            changed = True
    return changed


def _upsert_organisation(data: dict, reference: _Reference, tally: Counter) -> Organisation:
    values = {
        "name": data["name"],
        "kind": data["kind"],
        "description": data["description"],
        "website": data["website"],
        "email": data["email"],
        "municipality": reference.municipalities[data["municipality"]],
        "is_network_member": data["member"],
        "external_id": DEMO_PREFIX + data["slug"],
    }
    organisation = Organisation.objects.filter(slug=data["slug"]).first()
    if organisation is None:
        organisation = Organisation(slug=data["slug"], **values)
        tally["created"] += 1
    elif _apply(organisation, values):
        tally["updated"] += 1
    else:
        tally["unchanged"] += 1
        return organisation
    organisation.full_clean()
    organisation.save()
    return organisation


def _upsert_environment(
    organisation: Organisation, data: dict, reference: _Reference, tally: Counter
) -> LearningEnvironment:
    values = {
        "name": data["name"],
        "category": reference.categories[data["category"]],
        "street_address": data["street_address"],
        "postcode": data["postcode"],
        "city": data["city"],
        "latitude": data["latitude"],
        "longitude": data["longitude"],
        "facilities": data.get("facilities", ""),
        "transport_notes": data.get("transport_notes", ""),
        "accessibility": data.get("accessibility", ""),
    }
    external_id = DEMO_PREFIX + data["key"]
    environment = LearningEnvironment.objects.filter(
        organisation=organisation, external_id=external_id
    ).first()
    if environment is None:
        tally["created"] += 1
        return environment_create(
            organisation=organisation, coordinate_source="demo", external_id=external_id, **values
        )
    changes = {name: value for name, value in values.items() if getattr(environment, name) != value}
    if not changes:
        tally["unchanged"] += 1
        return environment
    if set(changes) & set(ADDRESS_AND_POINT):
        # The demo's coordinates win over geocoding the new address: send both together.
        changes.update({name: values[name] for name in ADDRESS_AND_POINT})
    tally["updated"] += 1
    return environment_update(environment=environment, **changes)


# What a real provider writes besides the basics, by form: what the school must see to.
REQUIREMENTS = {
    Offer.Format.ON_SITE: "Mød op 10 minutter før. Klassen har mindst to voksne med.",
    Offer.Format.OUTREACH: "Et lokale med plads til gruppearbejde, adgang til strøm og en voksen fra skolen.",
    Offer.Format.DIGITAL: "Storskærm eller projektor med lyd og en stabil internetforbindelse.",
    Offer.Format.LOAN: "Kassen hentes og afleveres igen inden for tre uger; lærervejledning medfølger.",
    Offer.Format.SELF_GUIDED: "Læreren henter opgavearkene på hjemmesiden og forbereder klassen.",
}


def _offer_values(offer: dict, organisation: Organisation, reference: _Reference, status: str | None) -> dict:
    offer_format = offer.get("format", Offer.Format.ON_SITE)
    months = offer.get("months", "school")
    price = offer.get("price", 0)
    number = stable_number(offer["title"] + organisation.slug)
    grade_from, grade_to = reference.grades[offer["grades"][0]], reference.grades[offer["grades"][1]]
    subjects = [reference.subjects[slug].name for slug in offer["subjects"]]
    # Durations as providers give them: minutes, a span for flexible visits, whole days for camps.
    minutes = offer.get("duration", 60 if offer_format == Offer.Format.DIGITAL else 90)
    days = offer.get("days")
    longest = offer.get("duration_max", minutes + 30 if minutes and number % 4 == 0 and not days else None)
    price_kind = offer.get("price_kind", Offer.PriceKind.AMOUNT)
    if price_kind in {Offer.PriceKind.FREE, Offer.PriceKind.UNKNOWN}:
        price = 0  # no amount to show, whatever the everyday-price rule above picked
    elif price_kind == Offer.PriceKind.AMOUNT and not price and number % 2:
        price_kind = Offer.PriceKind.FREE  # said in words, as most providers do ("Gratis")
    return {
        "title": offer["title"],
        "summary": offer["summary"],
        "description": offer["description"],
        "grade_from": grade_from,
        "grade_to": grade_to,
        "format": offer_format,
        "duration_minutes": None if days else minutes,
        "duration_max_minutes": None if days else longest,
        "duration_days": days,
        "min_participants": offer.get("min_participants", 10 if number % 3 == 0 else None),
        "max_participants": offer.get("participants", 30 if offer_format == Offer.Format.DIGITAL else 28),
        "max_classes": offer.get("classes", 1 if offer_format != Offer.Format.DIGITAL else None),
        "adults_per_group": 2 if grade_to.level <= 5 else 1,
        "price_kind": price_kind,
        "price_dkk": Decimal(price),
        "price_unit": offer.get("price_unit", "klasse" if price else ""),
        "price_note": "" if price == 0 else "Inkl. moms.",
        "months": months_to_mask(SEASONS[months] if isinstance(months, str) else months),
        "period_note": offer.get("period", "Tirsdag–torsdag kl. 9–14" if number % 5 == 0 else ""),
        "learning_goals": offer.get(
            "goals",
            f"Eleverne kan undersøge og forklare det, de har mødt, med fagets begreber ({', '.join(subjects)}), "
            f"og kan fortælle andre om det bagefter.",
        ),
        "requirements": REQUIREMENTS[offer_format],
        "keywords": ", ".join(offer.get("keywords", [name.lower() for name in subjects])),
        "booking_url": f"{organisation.website}/skoler",
        "booking_email": organisation.email,
        "booking_phone": f"+45 {70 + number % 30} {number % 100:02d} {number // 100 % 100:02d} 00",
        "service_radius_km": offer.get("service_radius"),
        "status": status or offer.get("status", Offer.Status.PUBLISHED),
    }


def _upsert_offer(organisation, slug, offer, environments, reference, tally, *, status) -> Offer:
    values = _offer_values(offer, organisation, reference, status)
    values["external_id"] = DEMO_PREFIX + slug
    subjects = [reference.subjects[slug] for slug in offer["subjects"]]
    languages = [reference.languages[code] for code in offer.get("languages", ["da"])]
    served = offer.get("service_municipalities", [])
    served = [organisation.municipality] if served == "own" else [reference.municipalities[c] for c in served]
    instance = Offer.objects.filter(slug=slug).first()
    created = instance is None
    if created:
        instance = Offer(slug=slug, organisation=organisation)
    changed = _apply(instance, values)
    if values["status"] == Offer.Status.PUBLISHED and instance.published_at is None:
        instance.published_at = timezone.now()
        changed = True
    if created or changed:
        instance.full_clean()
        instance.save()
    related = {"subjects": subjects, "languages": languages, "environments": environments}
    related["service_municipalities"] = served
    for name, rows in related.items():
        manager = getattr(instance, name)
        if created or set(manager.values_list("pk", flat=True)) != {row.pk for row in rows}:
            manager.set(rows)
            changed = True
    tally["created" if created else "updated" if changed else "unchanged"] += 1
    return instance

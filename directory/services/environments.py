"""Writes to learning environments: creation, address edits, manual pins, (re)geocoding.

Every path that creates a place or changes its address (admin, member forms, API, import, the
`geocode` command) goes through here, so each coordinate records where it came from and how
precise it is. A pin set by hand is locked: a later address edit does not move it unless the
caller asks (relocate=True).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.models import LearningEnvironment
from directory.search.refresh import search_index_refresh
from directory.services.versions import version_check
from maps.geocoding import AddressNotFound, GeocodeResult, geocode, in_denmark, reverse_municipality
from maps.models import Municipality

if TYPE_CHECKING:
    from directory.models import Category, Organisation
    from network.models import User

ADDRESS_FIELDS = ("street_address", "postcode", "city")
# Set only by this module: callers pass coordinates, the service decides what they mean.
DERIVED_FIELDS = ("coordinate_precision", "coordinates_locked", "municipality", "region")
MANUAL = "manual"


def environment_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """'Økolariet på Åen' -> 'oekolariet-paa-aaen', with -2, -3 … until it is unique."""
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    base = (slugify(text) or "laeringsmiljoe")[:200]
    others = LearningEnvironment.objects.exclude(pk=exclude_pk)
    candidate, number = base, 1
    while others.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _checked_point(latitude: Any, longitude: Any) -> tuple[float, float]:
    try:
        point = float(latitude), float(longitude)
    except (TypeError, ValueError):
        raise ValidationError(
            {"latitude": _("Angiv både bredde- og længdegrad som tal, fx 56.1572 og 10.2107.")}
        ) from None
    if not all(math.isfinite(value) for value in point) or not in_denmark(*point):
        raise ValidationError(
            {"latitude": _("Punktet ligger uden for Danmark. Flyt nålen ind på et dansk sted.")}
        )
    return point


def _assign_municipality(environment: LearningEnvironment, code: int | None) -> None:
    municipality = Municipality.objects.select_related("region").filter(code=code).first() if code else None
    environment.municipality = municipality
    environment.region = municipality.region if municipality else None


def _place_manually(environment: LearningEnvironment, latitude: Any, longitude: Any, source: str) -> None:
    environment.latitude, environment.longitude = _checked_point(latitude, longitude)
    manual = source in ("", MANUAL)
    environment.coordinate_source = source or MANUAL
    environment.coordinate_precision = (
        LearningEnvironment.Precision.MANUAL if manual else LearningEnvironment.Precision.ADDRESS
    )
    environment.coordinates_locked = manual
    _assign_municipality(environment, reverse_municipality(environment.latitude, environment.longitude))


def _place_by_address(environment: LearningEnvironment) -> GeocodeResult:
    """Geocode the address onto the environment; a ValidationError on the address if it fails."""
    if not environment.address_line:
        raise ValidationError({"street_address": _("Skriv adressen, eller sæt stedet på kortet.")})
    try:
        result = geocode(environment.address_line)
    except AddressNotFound as error:
        raise ValidationError({"street_address": str(error)}) from None
    environment.latitude, environment.longitude = result.latitude, result.longitude
    environment.coordinate_source = result.source
    environment.coordinate_precision = result.precision
    environment.coordinates_locked = False
    _assign_municipality(environment, result.municipality_code)
    return result


def _save(environment: LearningEnvironment, user: User | None) -> None:
    if user is not None:
        environment._history_user = user
    environment.full_clean()
    environment.save()
    # Position, status, category or municipality may have changed: rewrite the place's rows.
    search_index_refresh(environment_ids=[environment.pk])


def _check_fields(environment: LearningEnvironment) -> None:
    """Field errors (a five-digit postcode, a missing name) before any geocoding."""
    environment.clean_fields(exclude=["latitude", "longitude", "slug", "municipality", "region"])


@transaction.atomic
def environment_create(
    *,
    organisation: Organisation,
    name: str,
    category: Category,
    street_address: str = "",
    postcode: str = "",
    city: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    coordinate_source: str = "",
    user: User | None = None,
    **fields: Any,
) -> LearningEnvironment:
    """Create a place: at the given coordinates (a manual pin unless a source is named), else
    at its geocoded address. Raises ValidationError if it cannot be placed in Denmark."""
    for derived in DERIVED_FIELDS:
        fields.pop(derived, None)
    environment = LearningEnvironment(
        organisation=organisation,
        name=name,
        category=category,
        street_address=(street_address or "").strip(),
        postcode=(postcode or "").strip(),
        city=(city or "").strip(),
        **fields,
    )
    environment.slug = fields.get("slug") or environment_slug(name)
    _check_fields(environment)
    if latitude is not None or longitude is not None:
        _place_manually(environment, latitude, longitude, coordinate_source)
    else:
        _place_by_address(environment)
    _save(environment, user)
    return environment


@transaction.atomic
def environment_update(
    *,
    environment: LearningEnvironment,
    user: User | None = None,
    relocate: bool = False,
    expected_version: int | None = None,
    **fields: Any,
) -> LearningEnvironment:
    """Change fields. A changed address is geocoded again unless the pin was set by hand;
    relocate=True geocodes the address even then (and unlocks the pin). With
    `expected_version`, a save since that version raises VersionConflict (services/versions.py)."""
    version_check(environment, expected=expected_version)
    latitude, longitude = fields.pop("latitude", None), fields.pop("longitude", None)
    for derived in (*DERIVED_FIELDS, "coordinate_source"):
        fields.pop(derived, None)
    old_address = tuple(getattr(environment, name) for name in ADDRESS_FIELDS)
    for name, value in fields.items():
        setattr(
            environment, name, value.strip() if name in ADDRESS_FIELDS and isinstance(value, str) else value
        )
    _check_fields(environment)
    address_changed = tuple(getattr(environment, name) for name in ADDRESS_FIELDS) != old_address
    if latitude is not None or longitude is not None:
        _place_manually(environment, latitude, longitude, MANUAL)
    elif relocate or (address_changed and not environment.coordinates_locked):
        _place_by_address(environment)
    _save(environment, user)
    return environment


@transaction.atomic
def environment_set_pin(
    *, environment: LearningEnvironment, latitude: float, longitude: float, user: User | None = None
) -> LearningEnvironment:
    """A pin placed by hand: it wins over geocoding until someone asks to relocate."""
    _place_manually(environment, latitude, longitude, MANUAL)
    _save(environment, user)
    return environment


@transaction.atomic
def environment_geocode(*, environment: LearningEnvironment, force: bool = False) -> GeocodeResult | None:
    """(Re)geocode from the address, for the batch command. Returns None when skipped because the
    pin was set by hand (unless force); raises AddressNotFound when the address is not found."""
    if environment.coordinates_locked and not force:
        return None
    try:
        result = _place_by_address(environment)
    except ValidationError as error:
        raise AddressNotFound(" ".join(error.messages)) from None
    _save(environment, None)
    return result

"""schema.org JSON-LD for the detail pages, and small display helpers.

Builders return plain dicts; `json_ld` serialises one into a <script> element with
'<', '>' and '&' escaped as \\u003c etc. (what Django's json_script does), so a
provider's text such as "</script><img onerror=…>" can never leave the JSON string.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from directory.models import Grade, LearningEnvironment, Offer, Organisation
from directory.models.offers import ALL_MONTHS, MONTH_NAMES

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
COURSE_MODES = {
    Offer.Format.ON_SITE: "onsite",
    Offer.Format.OUTREACH: "onsite",
    Offer.Format.DIGITAL: "online",
    Offer.Format.LOAN: "blended",  # a kit the class works with at school
    Offer.Format.SELF_GUIDED: "onsite",
}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: schema.org validators flag empty strings and lists."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def postal_address(environment: LearningEnvironment) -> dict[str, Any]:
    return _compact(
        {
            "@type": "PostalAddress",
            "streetAddress": environment.street_address,
            "postalCode": environment.postcode,
            "addressLocality": environment.city,
            "addressRegion": environment.region.name if environment.region_id else "",
            "addressCountry": "DK",
        }
    )


def place_data(environment: LearningEnvironment) -> dict[str, Any]:
    data = {
        "@type": environment.category.schema_type or "Place",
        "name": environment.name,
        "url": absolute(environment.get_absolute_url()),
        "description": environment.description,
        "address": postal_address(environment),
    }
    if environment.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": environment.latitude,
            "longitude": environment.longitude,
        }
    return _compact(data)


def organisation_data(organisation: Organisation) -> dict[str, Any]:
    return _compact(
        {
            "@type": "EducationalOrganization",
            "name": organisation.name,
            "url": absolute(organisation.get_absolute_url()),
            "description": organisation.description,
            "email": organisation.email,
            "telephone": organisation.phone,
            "sameAs": [organisation.website] if organisation.website else [],
            "areaServed": organisation.municipality.name if organisation.municipality_id else "",
        }
    )


def environment_data(environment: LearningEnvironment) -> dict[str, Any]:
    # Museum, Zoo, Park … are schema.org Places, which have no property for "run by";
    # the organisation gets its own EducationalOrganization on its own page.
    return {"@context": "https://schema.org", **place_data(environment)}


def offer_data(offer: Offer, grades: list[Grade]) -> dict[str, Any]:
    places = [place_data(environment) for environment in offer.environments.all()]
    instance = _compact(
        {
            "@type": "CourseInstance",
            "courseMode": COURSE_MODES.get(offer.format, "onsite"),
            "location": places[0] if len(places) == 1 else places,
            "duration": f"P{offer.duration_days}D"
            if offer.duration_days
            else f"PT{offer.duration_minutes}M"
            if offer.duration_minutes
            else "",
            "maximumAttendeeCapacity": offer.max_participants,
        }
    )
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": offer.title,
            "description": offer.summary or offer.description,
            "url": absolute(offer.get_absolute_url()),
            "provider": organisation_data(offer.organisation),
            "educationalLevel": [grade.name for grade in grades],
            "educationalAlignment": [
                {
                    "@type": "AlignmentObject",
                    "alignmentType": "educationalSubject",
                    "targetName": subject.name,
                }
                for subject in offer.subjects.all()
            ],
            "inLanguage": [language.code for language in offer.languages.all()],
            "isAccessibleForFree": offer.is_free,
            "teaches": offer.learning_goals,
            "coursePrerequisites": offer.requirements,
            "keywords": ", ".join(offer.keyword_list),
            "offers": {
                "@type": "Offer",
                "category": "Paid" if not offer.is_free else "Free",
                "price": str(offer.price_dkk.quantize(Decimal("0.01"))),
                "priceCurrency": "DKK",
                "url": offer.booking_url or absolute(offer.get_absolute_url()),
            },
            "hasCourseInstance": [instance],
        }
    )


def json_ld_script(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, cls=_JSONEncoder).translate(_JSON_ESCAPES)
    # Safe: the JSON cannot contain '<', '>' or '&', so it cannot close the element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


class _JSONEncoder(json.JSONEncoder):
    def default(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        return str(value)  # lazy translation strings


@register.simple_tag
def offer_json_ld(offer: Offer, grades: list[Grade]) -> SafeString:
    return json_ld_script(offer_data(offer, grades))


@register.simple_tag
def environment_json_ld(environment: LearningEnvironment) -> SafeString:
    return json_ld_script(environment_data(environment))


@register.simple_tag
def organisation_json_ld(organisation: Organisation) -> SafeString:
    data = organisation_data(organisation)
    data["@context"] = "https://schema.org"
    return json_ld_script(data)


@register.simple_tag
def absolute_url(path: str) -> str:
    return absolute(path)


@register.filter
def price(offer: Offer) -> str:
    """'Gratis', '1.200 kr. pr. klasse' (Danish thousands separator), 'Pris ikke oplyst' or 'Gratis for
    kommunens egne skoler, ellers 500 kr.', with the provider's note."""
    kind = getattr(offer, "price_kind", Offer.PriceKind.AMOUNT)  # list rows may carry the amount only
    if kind == Offer.PriceKind.UNKNOWN:
        text = str(Offer.PriceKind.UNKNOWN.label)
    elif offer.is_free or (kind == Offer.PriceKind.FREE_LOCAL and not offer.price_dkk):
        text = str(Offer.PriceKind(kind).label) if kind == Offer.PriceKind.FREE_LOCAL else _("Gratis")
    else:
        amount = offer.price_dkk
        whole = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
        if not (get_language() or "da").startswith("en"):
            # Danish notation: '.' groups thousands, ',' marks decimals (1.250,50 kr.).
            whole = whole.translate(str.maketrans(",.", ".,"))
        text = _("%(amount)s kr.") % {"amount": whole}
        unit = getattr(offer, "price_unit", "")
        if unit:
            text = f"{text} {Offer.PriceUnit(unit).label}"
        if kind == Offer.PriceKind.FREE_LOCAL:
            text = _("Gratis for kommunens egne skoler, ellers %(price)s") % {"price": text}
    return f"{text} ({offer.price_note})" if offer.price_note else text


@register.filter
def duration(offer: Offer) -> str:
    """'45 minutter', '2–3 timer', '1 dag', '2 dage' in the active language; '' when not given."""
    if offer.duration_days:
        return ngettext("%(days)d dag", "%(days)d dage", offer.duration_days) % {"days": offer.duration_days}
    if not offer.duration_minutes:
        return ""
    low, high = offer.duration_minutes, offer.duration_max_minutes or offer.duration_minutes
    if low % 60 == 0 and high % 60 == 0:
        span = str(low // 60) if low == high else f"{low // 60}–{high // 60}"
        return ngettext("%(span)s time", "%(span)s timer", high // 60) % {"span": span}
    span = str(low) if low == high else f"{low}–{high}"
    return ngettext("%(span)s minut", "%(span)s minutter", high) % {"span": span}


@register.filter
def group_rules(offer: Offer) -> str:
    """'15–28 elever · højst 1 klasse · 2 voksne med' ('' when nothing is given)."""
    parts = []
    low, high = offer.min_participants, offer.max_participants
    if low and high:
        parts.append(_("%(low)d–%(high)d elever") % {"low": low, "high": high})
    elif high:
        parts.append(_("højst %(count)d elever") % {"count": high})
    elif low:
        parts.append(_("mindst %(count)d elever") % {"count": low})
    if offer.max_classes:
        parts.append(ngettext("højst %(count)d klasse", "højst %(count)d klasser", offer.max_classes)
                     % {"count": offer.max_classes})  # fmt: skip
    if offer.adults_per_group:
        parts.append(ngettext("%(count)d voksen med", "%(count)d voksne med", offer.adults_per_group)
                     % {"count": offer.adults_per_group})  # fmt: skip
    return " · ".join(parts)


@register.filter
def grade_range(offer: Offer) -> str:
    if offer.grade_from_id == offer.grade_to_id:
        return offer.grade_from.display_name
    return f"{offer.grade_from.display_name}–{offer.grade_to.display_name}"


@register.filter
def distance(km: float | None) -> str:
    if km is None:
        return ""
    if km < 1:
        return _("%(metres)d m") % {"metres": round(km * 1000 / 10) * 10}
    return (_("%(km)s km") % {"km": f"{km:.1f}" if km < 10 else f"{km:.0f}"}).replace(".", ",")


@register.simple_tag
def tel_link(number: str) -> SafeString:
    digits = "".join(char for char in number if char.isdigit() or char == "+")
    return format_html('<a href="tel:{}">{}</a>', digits, number)


@register.filter
def months(offer: Offer) -> str:
    """'Hele året' or 'september, oktober, maj' in the active language."""
    if offer.months == ALL_MONTHS:
        return _("Hele året")
    return ", ".join(str(MONTH_NAMES[month - 1]) for month in offer.month_list)


@register.filter
def display_place(offer: Offer) -> LearningEnvironment | None:
    """The place to name for an offer in a list: the nearest to the search, else its first."""
    nearest = getattr(offer, "nearest_environment", None)
    return nearest or next(iter(offer.environments.all()), None)

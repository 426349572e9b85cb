"""The search filters, each declared once.

A ``Filter`` is everything the site knows about one: its parameter (the form field, whose
name is the public name of the page and the API alike), its OpenAPI description, and how it
narrows each of the two query paths:

``offers``
    the published offers' queryset (directory/querysets.py): a search without a point, the
    offer-id subquery of the others, and the plain meaning every other path must agree with;
``rows``
    a condition on a search-table row (alias ``r``: directory/models/search_index.py), for
    the point search's SQL (directory/search/reach.py) and the place search and map; None
    when the row does not carry what the filter tests. Such a filter is applied to those
    paths as a subquery of offer ids (``others_statement``), so it can never be dropped;
``places``
    for the place search and the map, a filter on where the place is (category,
    municipality, region, bbox) rather than on its offers.

The form (directory/search/forms.py), the OpenAPI parameters (directory/api/parameters.py),
the page's "more filters" (directory/views/search.py) and both query paths derive from
``FILTERS``; tests/directory/test_search_filters.py runs every entry. Adding a filter: one
entry here, the model field if it is new (and its search-table column, for a ``rows``
condition), one entry in that test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import LearningEnvironment, Offer
from directory.models.offers import month_bit
from directory.querysets import EnvironmentQuerySet, OfferQuerySet
from directory.reference import reference
from directory.search import fields
from directory.search.serving import offer_ids_serving_by_radius
from directory.search.sql import placeholders

Condition = tuple[str, list]  # SQL over the search row ``r`` and its parameters


@dataclass(frozen=True)
class Filter:
    name: str
    field: forms.Field
    description: str  # the OpenAPI parameter's, in English
    schema: dict  # the OpenAPI parameter's JSON schema
    offers: Callable[[OfferQuerySet, Any], OfferQuerySet]
    rows: Callable[[Any], Condition] | None = None
    # The row condition probes another table: tested after the row's own columns and distance.
    probe: bool = False
    places: Callable[[EnvironmentQuerySet, Any], EnvironmentQuerySet] | None = None
    more: bool = True  # on the search page behind "Flere filtre"

    @staticmethod
    def is_set(value) -> bool:
        return value is not None and value != "" and value != []


def _in_municipality(offers: OfferQuerySet, municipality) -> OfferQuerySet:
    # Outreach offers reaching it by their service radius serve it too, as on its page.
    return offers.in_municipality(municipality.code, reaching=offer_ids_serving_by_radius([municipality]))


def _in_region(offers: OfferQuerySet, region) -> OfferQuerySet:
    municipalities = [
        place for place in reference().municipalities.values() if place.region_id == region.code
    ]
    return offers.in_region(region.code, reaching=offer_ids_serving_by_radius(municipalities))


def _language_probe(language) -> Condition:
    links = Offer.languages.through._meta.db_table
    return f"EXISTS (SELECT 1 FROM {links} l WHERE l.offer_id = r.offer_id AND l.language_id = %s)", [
        language.code
    ]


_STRING = {"type": "string"}
_INTEGER = {"type": "integer"}
_LIST = {"type": "array", "items": {"type": "string"}}

FILTERS: tuple[Filter, ...] = (
    Filter(
        name="subject",
        field=fields.ReferenceMultipleField(
            label=_("Fag eller tema"),
            table="subjects",
            keys=("slug", "name", "name_en"),
            required=False,
            error_messages={"invalid_choice": _("Ukendt fag eller tema: '%(value)s'.")},
        ),
        description="Subject or theme by slug or name, in any case (see /api/v1/subjects/); repeat "
        "or comma-separate for any of several.",
        schema=_LIST,
        offers=lambda offers, subjects: offers.for_subjects([subject.slug for subject in subjects]),
        # The per-subject search table is read when a subject is given (reach.search_table).
        rows=lambda subjects: (
            f"r.subject_id IN ({placeholders(subjects)})",
            [subject.pk for subject in subjects],
        ),
        more=False,
    ),
    Filter(
        name="grade",
        field=fields.GradeField(label=_("Klassetrin"), required=False),
        description="A grade as teachers write it: `5`, `5.`, `5. klasse`, `5-klasse`, `0` or `bh` "
        "(børnehaveklasse), `boernehave`; or a stage: `indskoling` (0.–3.), `mellemtrin` (4.–6.), "
        "`udskoling` (7.–9.). Offers whose grade range meets it.",
        schema=_STRING,
        offers=lambda offers, grades: offers.for_grades(grades.low, grades.high),
        rows=lambda grades: ("r.grade_from <= %s AND r.grade_to >= %s", [grades.high, grades.low]),
        more=False,
    ),
    Filter(
        name="delivery",
        field=fields.ChoicesField(
            label=_("Form"),
            choices=Offer.Format.choices,
            required=False,
            error_messages={
                "invalid_choice": _(
                    "Ukendt form: '%(value)s'. Brug paa-stedet, udgaaende, digitalt, udlaan eller egen-haand."
                )
            },
        ),
        description="How the offer is given, any of `paa-stedet` (on site), `udgaaende` (outreach: they "
        "come to the school), `digitalt`, `udlaan` (a loan kit), `egen-haand` (a self-guided visit); repeat "
        "or comma-separate.",
        schema={"type": "array", "items": {"type": "string", "enum": list(Offer.Format.values)}},
        offers=lambda offers, formats: offers.for_formats(formats),
        rows=lambda formats: (f"r.format IN ({placeholders(formats)})", list(formats)),
    ),
    Filter(
        name="free",
        field=fields.YesNoField(label=_("Gratis"), required=False),
        description="`true`: only free offers; `false`: only offers with a price.",
        schema={"type": "boolean"},
        offers=lambda offers, free: offers.free() if free else offers.not_free(),
        rows=lambda free: ("r.price_dkk = 0" if free else "r.price_dkk > 0", []),
    ),
    Filter(
        name="max_price",
        field=forms.IntegerField(
            label=_("Højst pris (kr.)"),
            required=False,
            min_value=0,
            error_messages={
                "invalid": _("Prisen skal være et helt antal kroner."),
                "min_value": _("Mindst 0 kr."),
            },
        ),
        description="Offers whose price (per class, pupil or group, as the provider gives it) is at most this "
        "many kroner; free offers included, offers whose price is unknown left out.",
        schema=_INTEGER,
        offers=lambda offers, most: offers.exclude(price_kind=Offer.PriceKind.UNKNOWN).filter(
            price_dkk__lte=most
        ),
    ),
    Filter(
        name="max_duration",
        field=forms.IntegerField(
            label=_("Højst varighed (minutter)"),
            required=False,
            min_value=1,
            error_messages={"invalid": _("Varigheden skal være et helt antal minutter.")},
        ),
        description="Offers that can be done in at most this many minutes (their shortest duration); "
        "whole-day offers and offers without a duration left out.",
        schema=_INTEGER,
        offers=lambda offers, most: offers.filter(duration_minutes__lte=most),
    ),
    Filter(
        name="goal",
        field=forms.CharField(label=_("Læringsmål"), required=False, max_length=200),
        description="Words in the offer's learning goals (e.g. a Fælles Mål competence area).",
        schema=_STRING,
        offers=lambda offers, text: offers.filter(learning_goals__icontains=text.strip()),
    ),
    Filter(
        name="month",
        field=forms.IntegerField(
            label=_("Måned"),
            required=False,
            min_value=1,
            max_value=12,
            error_messages={
                "invalid": _("Måneden skal være et tal fra 1 til 12."),
                "min_value": _("Måneden skal være et tal fra 1 til 12."),
                "max_value": _("Måneden skal være et tal fra 1 til 12."),
            },
        ),
        description="Month 1–12 in which the offer runs.",
        schema=_INTEGER,
        offers=lambda offers, month: offers.for_month(month),
        rows=lambda month: ("(r.months & %s) <> 0", [month_bit(month)]),
    ),
    Filter(
        name="language",
        field=fields.ReferenceChoiceField(
            label=_("Sprog"),
            table="languages",
            keys=("code", "name", "name_en"),
            required=False,
            error_messages={"invalid_choice": _("Ukendt sprog: '%(value)s'.")},
        ),
        description="Language of the teaching by code or name (e.g. `en`, `engelsk`).",
        schema=_STRING,
        offers=lambda offers, language: offers.for_language(language.code),
        rows=_language_probe,
        probe=True,
    ),
    Filter(
        name="q",
        field=forms.CharField(label=_("Søg"), required=False, max_length=200),
        description="Words in title, summary, description or organisation name (Danish stemming on "
        "PostgreSQL).",
        schema=_STRING,
        offers=lambda offers, text: offers.matching_text(text),
        more=False,
    ),
    Filter(
        name="category",
        field=fields.ReferenceChoiceField(
            label=_("Kategori"),
            table="categories",
            keys=("slug", "name", "name_en"),
            required=False,
            error_messages={"invalid_choice": _("Ukendt kategori: '%(value)s'.")},
        ),
        description="Category of the place by slug or name (see /api/v1/categories/).",
        schema=_STRING,
        offers=lambda offers, category: offers.for_category(category.slug),
        places=lambda places, category: places.filter(category_id=category.pk),
    ),
    Filter(
        name="municipality",
        field=fields.ReferenceChoiceField(
            label=_("Kommune"),
            table="municipalities",
            keys=("code", "slug", "name", "short_name"),
            required=False,
            error_messages={"invalid_choice": _("Ukendt kommune: '%(value)s'.")},
        ),
        description="Municipality by kommunekode (`751`), slug or name (`aarhus`, `København`): offers "
        "at a place there, or outreach offers serving it.",
        schema=_STRING,
        offers=_in_municipality,
        places=lambda places, municipality: places.in_municipality(municipality.code),
    ),
    Filter(
        name="region",
        field=fields.ReferenceChoiceField(
            label=_("Region"),
            table="regions",
            keys=("code", "slug", "name"),
            required=False,
            error_messages={"invalid_choice": _("Ukendt region: '%(value)s'.")},
        ),
        description="Region by regionskode 1081–1085, slug or name (`midtjylland`); like "
        "`municipality` for a whole region.",
        schema=_STRING,
        offers=_in_region,
        places=lambda places, region: places.in_region(region.code),
        more=False,
    ),
    Filter(
        name="bbox",
        field=fields.BoundingBoxField(
            label=_("Kortudsnit"), required=False, help_text=_("minLng,minLat,maxLng,maxLat")
        ),
        description="Map view `minLng,minLat,maxLng,maxLat` (WGS84 degrees): offers at a place in it.",
        schema=_STRING,
        offers=lambda offers, box: offers.at_environments(LearningEnvironment.objects.active().in_box(box)),
        places=lambda places, box: places.in_box(box),
        more=False,
    ),
)

BY_NAME = {entry.name: entry for entry in FILTERS}


def set_filters(params: dict) -> list[tuple[Filter, Any]]:
    """The filters the search sets, with their cleaned values, in the table's order."""
    return [(entry, params.get(entry.name)) for entry in FILTERS if Filter.is_set(params.get(entry.name))]


def offers_matching(params: dict, *, only: Callable[[Filter], bool] | None = None) -> OfferQuerySet:
    """Published offers passing the set filters (those ``only`` accepts, if given)."""
    offers = Offer.objects.published()
    for entry, value in set_filters(params):
        if only is None or only(entry):
            offers = entry.offers(offers, value)
    return offers


@dataclass
class RowConditions:
    """The set filters as SQL over a search row ``r``: ``columns`` on the row itself (cheap, and
    in an index entry), ``probes`` of other tables, and ``others``, the offer ids passing the
    filters the row does not carry (None if there are none)."""

    columns: list[str]
    column_values: list
    probes: list[str]
    probe_values: list
    others: Condition | None


def row_conditions(params: dict, *, places_apart: bool = False) -> RowConditions:
    """``places_apart``: the place filters go to the places (the place search and the map)
    rather than to the offer-id subquery."""
    conditions = RowConditions([], [], [], [], None)
    without_rows = []
    for entry, value in set_filters(params):
        if places_apart and entry.places is not None:
            continue
        if entry.rows is None:
            without_rows.append(entry.name)
            continue
        sql, values = entry.rows(value)
        if entry.probe:
            conditions.probes.append(sql)
            conditions.probe_values += values
        else:
            conditions.columns.append(sql)
            conditions.column_values += values
    if without_rows:
        names = set(without_rows)
        conditions.others = others_statement(params, names)
    return conditions


def others_statement(params: dict, names: set[str]) -> Condition:
    """SQL of the ids of published offers passing the named filters: exactly the semantics of
    a search without a point."""
    offers = offers_matching(params, only=lambda entry: entry.name in names)
    sql, values = offers.values("pk").query.sql_with_params()
    return sql, list(values)

"""The newsletter's one door into the site's search engine (directory/search/).

Every call into the search lives here, so when the search is restructured only this module
changes. A subscription stores the search page's own query parameters; matching runs the
site's search form and selector with them, and keeps the offers among those changed since
the last digest. There is no second filter implementation: the only thing added here is the
restriction to a set of offer ids, applied to the engine's own result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.search.forms import OfferSearchForm, Ordering
from directory.search.offers import offer_search

# Parameters that say how to show a result, not which offers: never part of a subscription.
NOT_FILTERS = ("page", "ordering", "zoom")
# Values of ``format`` that choose the API's output, not the offer's delivery form.
OUTPUT_FORMATS = ("json", "api", "geojson")
# A point search is read in pages of this many offers until every candidate is placed.
SCAN_PAGE = 500


@dataclass
class CleanFilters:
    """A validated search, ready to store: ``querystring`` (canonical) or ``errors``."""

    querystring: str = ""
    area_label: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class MatchedOffer:
    offer_id: int
    distance_km: float | None


def filter_names() -> list[str]:
    """The search's parameter names (a form posting them is read as a search)."""
    return [name for name in OfferSearchForm.base_fields if name not in NOT_FILTERS]


def delivery_parameter() -> str:
    """The name of the delivery-form filter (``delivery``; ``format`` before issue 11)."""
    return "delivery" if "delivery" in OfferSearchForm.base_fields else "format"


def clean_filters(data: Mapping) -> CleanFilters:
    """Validate search parameters with the site's search form. Text in ``near`` is geocoded
    once, here, and stored as ``lat,lng``, so a digest never geocodes and the area stays put."""
    query = _as_querydict(data)
    form = OfferSearchForm(data=query)
    if not form.is_valid():
        return CleanFilters(errors=form.error_dict())
    kept = QueryDict(mutable=True)
    for name in filter_names():
        values = [value.strip() for value in query.getlist(name) if value.strip()]
        if name == "format":  # shared with the API's output format before issue 11
            values = [value for value in values if value not in OUTPUT_FORMATS]
        if values:
            kept.setlist(name, sorted(set(values)))
    point = form.cleaned_data.get("near")
    label = ""
    if point is not None:
        label = query.get("near", "").strip()
        kept["near"] = f"{point.latitude:.5f},{point.longitude:.5f}"
        kept["radius"] = f"{form.cleaned_data['radius']:g}"
    else:
        kept.pop("radius", None)
    return CleanFilters(querystring=_canonical(kept), area_label=label)


def describe(querystring: str) -> list[str]:
    """The filters in words, for the manage page and the e-mails ("Biologi", "5. klasse").
    Read from the search form's own fields, so a filter added to the search reads here too."""
    form = OfferSearchForm(data=QueryDict(querystring))
    if not form.is_valid():
        return []
    words = []
    for name, value in form.cleaned_data.items():
        if name in (*NOT_FILTERS, "near", "radius") or value in (None, "", [], ()):
            continue
        field = form.fields[name]
        choices = dict(getattr(field, "choices", None) or [])
        for item in value if isinstance(value, list | tuple | set) else [value]:
            if item is True or item is False:
                words.append(f"{field.label}: {_('ja') if item else _('nej')}")
            elif isinstance(item, str):
                words.append(str(choices.get(item, f"“{item}”")))
            else:
                words.append(_label(item))
    return words


def _label(row) -> str:
    """A reference row's name in the active language where it has one."""
    return str(getattr(row, "display_name", None) or getattr(row, "name", None) or row)


def radius_km(querystring: str) -> float | None:
    query = QueryDict(querystring)
    return float(query["radius"]) if query.get("near") and query.get("radius") else None


def search_path(querystring: str) -> str:
    """The search page showing these filters."""
    path = reverse("directory:search")
    return f"{path}?{querystring}" if querystring else path


def offers_matching(
    *, querystring: str, offer_ids: Iterable[int], unplaced: dict | None = None
) -> list[MatchedOffer]:
    """The offers among ``offer_ids`` that the search ``querystring`` finds, nearest first
    when it has a point, else newest first. ``unplaced``: a dict kept by the caller for one set
    of ``offer_ids``, holding the answers of the searches without their point, which many
    subscriptions share (the same subjects and grade, each near another school)."""
    ids = set(offer_ids)
    form = OfferSearchForm(data=QueryDict(querystring))
    if not ids or not form.is_valid():
        return []
    params = dict(form.cleaned_data)
    # Without its point the search finds a superset (the point only narrows); restricted to the
    # given ids that is one indexed query, and most subscriptions stop here with nothing.
    key = _without_point(querystring)
    if unplaced is None or key not in unplaced:
        candidates = _without_point_among(params, ids)
        if unplaced is not None:
            unplaced[key] = candidates
    else:
        candidates = unplaced[key]
    if not candidates or params.get("near") is None:
        return [MatchedOffer(pk, None) for pk in candidates]
    return _nearest_among(params, set(candidates))


def _without_point(querystring: str) -> str:
    query = QueryDict(querystring, mutable=True)
    for name in ("near", "radius"):
        query.pop(name, None)
    return query.urlencode()


def _without_point_among(params: dict, ids: set[int]) -> list[int]:
    unplaced = {**params, "near": None, "ordering": Ordering.NEWEST}
    offers = offer_search(params=unplaced).offers.queryset
    # Only the ids: the page relations the search page prefetches are not needed here.
    return list(offers.prefetch_related(None).filter(pk__in=ids).values_list("pk", flat=True))


def _nearest_among(params: dict, candidates: set[int]) -> list[MatchedOffer]:
    """The engine's point search, read nearest first as light rows, page by page until every
    candidate is placed or the result ends (the engine decides reach: radius, service areas)."""
    result = offer_search(params={**params, "ordering": Ordering.DISTANCE}, rows=True)
    found: list[MatchedOffer] = []
    for start in range(0, result.count, SCAN_PAGE):
        for row in result.offers[start : start + SCAN_PAGE]:
            if row.id in candidates:
                found.append(MatchedOffer(row.id, row.distance_km))
        if len(found) == len(candidates):
            break
    return found


def _as_querydict(data: Mapping) -> QueryDict:
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, list(value) if isinstance(value, list | tuple) else [value])
    return query


def _canonical(query: QueryDict) -> str:
    pairs = sorted((name, value) for name in query for value in query.getlist(name))
    canonical = QueryDict(mutable=True)
    for name, value in pairs:
        canonical.appendlist(name, value)
    return canonical.urlencode()

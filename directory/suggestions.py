"""What the search page says about its answer: what was understood, and never a dead end.

A search that finds nothing still answers: the nearest matching offers beyond the
radius (with their distance), the radius that would reach them, and the filter whose
removal finds the most. Everything here goes through the one search engine's public
functions (``offer_search`` with the search form's ``cleaned_data``), so a suggestion
finds exactly what following its link finds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext as _

from directory.models.offers import MONTH_NAMES
from directory.search.forms import MAX_RADIUS_KM, OfferSearchForm
from directory.search.offers import offer_search

# Parameters that place or page the search rather than filter the offers.
NOT_FILTERS = frozenset({"near", "radius", "page", "page_size", "ordering", "bbox"})
RADIUS_STEPS_KM = (5, 10, 25, 50, 100, 200, 500)
NEAREST_LIMIT = 3


@dataclass(frozen=True)
class Suggestion:
    """A way forward: a page query string, a sentence for its link, and what it finds."""

    query: str
    text: str
    count: int


@dataclass
class Suggestions:
    nearest: list = field(default_factory=list)  # Offer objects with .distance_km beyond the radius
    wider: Suggestion | None = None
    without_filter: Suggestion | None = None
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.nearest or self.wider or self.without_filter)


def understood_place(point) -> str:
    """The place a search was understood to be near, in words: '8270 Højbjerg', or for bare
    coordinates (the browser's location) the nearest town, never the numbers."""
    if point is None:
        return ""
    if getattr(point, "source", "") != "coordinates":
        return point.label
    from maps.geocoding.gazetteer import GazetteerGeocoder

    town = GazetteerGeocoder().reverse((point.latitude, point.longitude))
    return _("din placering ved %(town)s") % {"town": town.address} if town else _("din placering")


def search_criteria(form: OfferSearchForm) -> list[str]:
    """The filters a valid search applied, as the visitor would name them ('Biologi', '5. klasse')."""
    criteria = []
    for name in set_filters(form.data):
        if name not in form.fields or name not in form.cleaned_data:
            continue
        field, value = form.fields[name], form.cleaned_data[name]
        items = value if isinstance(value, list | tuple) else [value]
        texts = [_display(name, field, item) for item in items if item not in (None, "", False)]
        if texts:
            criteria.append(", ".join(texts))
    return criteria


def _display(name: str, field, item) -> str:
    if hasattr(item, "display_name"):
        return str(item.display_name)
    choices = dict(getattr(field, "choices", ()) or ())
    if item in choices:
        return str(choices[item])
    if isinstance(item, Model):
        return str(getattr(item, "short_name", "") or item)
    if name == "month" and isinstance(item, int) and 1 <= item <= len(MONTH_NAMES):
        return str(MONTH_NAMES[item - 1]).capitalize()
    if str(item).lower() in ("true", "1", "ja", "yes"):
        return str(field.label)
    return f"{field.label}: “{item}”"


def set_filters(query: QueryDict) -> list[str]:
    """The names of the filters the visitor set (non-empty), in the order sent."""
    return [name for name in dict.fromkeys(query) if name not in NOT_FILTERS and any(query.getlist(name))]


def _search(query: QueryDict):
    form = OfferSearchForm(data=query)
    return offer_search(params=form.cleaned_data) if form.is_valid() else None


def _query(query: QueryDict, *, drop: tuple[str, ...] = (), **replace: str) -> QueryDict:
    copy = query.copy()
    for name in (*drop, "page"):
        copy.pop(name, None)
    for name, value in replace.items():
        copy[name] = value
    return copy


def search_suggestions(*, query: QueryDict, params: dict) -> Suggestions:
    """Ways forward from a search that found nothing (``params``: its cleaned data)."""
    suggestions = Suggestions()
    point, radius = params.get("near"), params.get("radius")
    if point is not None and radius is not None and radius < MAX_RADIUS_KM:
        suggestions.nearest, suggestions.wider = _beyond_radius(query, radius)
    suggestions.without_filter = _best_filter_to_drop(query)
    if suggestions.nearest:
        suggestions.reason = _("Ingen tilbud inden for %(km)s km passer til filtrene.") % {
            "km": f"{radius:g}"
        }
    elif query.get("bbox"):
        suggestions.reason = _("Ingen tilbud i kortets område passer til filtrene.")
    elif set_filters(query):
        suggestions.reason = _("Ingen tilbud passer til alle filtrene på én gang.")
    else:
        suggestions.reason = _("Der er ingen offentliggjorte tilbud endnu.")
    return suggestions


def _beyond_radius(query: QueryDict, radius: float) -> tuple[list, Suggestion | None]:
    """The nearest matching offers anywhere in reach, and the smallest radius step holding one."""
    far = _search(_query(query, radius=f"{MAX_RADIUS_KM:g}"))
    if far is None or not far.count:
        return [], None
    nearest = [offer for offer in far.offers[:NEAREST_LIMIT] if offer.distance_km is not None]
    if not nearest:
        return [], None
    needed = next(
        (step for step in RADIUS_STEPS_KM if step > radius and step >= nearest[0].distance_km), None
    )
    if needed is None:
        return nearest, None
    wider_query = _query(query, radius=str(needed))
    wider = _search(wider_query)
    count = wider.count if wider is not None else 0
    text = _("Søg inden for %(km)s km") % {"km": needed}
    return nearest, Suggestion(query=wider_query.urlencode(), text=text, count=count)


def _best_filter_to_drop(query: QueryDict) -> Suggestion | None:
    """The one filter whose removal finds the most offers (ties: the first the visitor set)."""
    best = None
    for name in set_filters(query):
        without = _query(query, drop=(name,))
        result = _search(without)
        if result is None or not result.count or (best is not None and result.count <= best.count):
            continue
        label = OfferSearchForm.base_fields[name].label if name in OfferSearchForm.base_fields else name
        text = _("Fjern filteret “%(filter)s”") % {"filter": label}
        best = Suggestion(query=without.urlencode(), text=text, count=result.count)
    return best

"""Which offers are news: published, or materially changed, inside a digest's window.

A save that only touches bookkeeping (a version number, a search-table refresh, a booking
phone number) is not news to a teacher; a new title, description, grade span, format, price
or season is. The offer's history (django-simple-history) says what an offer looked like
when the window opened.
"""

from __future__ import annotations

from datetime import datetime

from directory.models import Offer

# Fields whose change makes a published offer worth telling subscribers about again.
MATERIAL_FIELDS = (
    "title",
    "summary",
    "description",
    "grade_from_id",
    "grade_to_id",
    "format",
    "price_kind",
    "price_dkk",
    "months",
    "period_note",
)


def news_offer_ids(*, since: datetime, until: datetime) -> set[int]:
    """Published offers that became public in (since, until], or changed materially then."""
    published = Offer.objects.published()
    new = set(published.filter(published_at__gt=since, published_at__lte=until).values_list("pk", flat=True))
    touched = published.filter(updated_at__gt=since).exclude(pk__in=new)
    current = {row["pk"]: row for row in touched.values("pk", "status", *MATERIAL_FIELDS)}
    if not current:
        return new
    before = _state_at(since, list(current))
    return new | {pk for pk, row in current.items() if _is_news(before.get(pk), row)}


def _is_news(before: dict | None, now: dict) -> bool:
    if before is None:  # no version from before the window: nothing says what changed
        return False
    if before["status"] != Offer.Status.PUBLISHED:  # republished
        return True
    return any(before[name] != now[name] for name in MATERIAL_FIELDS)


def _state_at(moment: datetime, ids: list[int]) -> dict[int, dict]:
    """Each offer's last recorded version at ``moment`` (missing: no history that old)."""
    history = Offer.history.model.objects.filter(id__in=ids, history_date__lte=moment).order_by(
        "id", "-history_date", "-history_id"
    )
    state: dict[int, dict] = {}
    for row in history.values("id", "status", *MATERIAL_FIELDS).iterator(chunk_size=2000):
        state.setdefault(row["id"], row)
    return state

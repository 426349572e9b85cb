"""Reads of events: the public list with its filters, one event, its participants.

The newsletter (issue 13) calls `events_upcoming` for its digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from maps.spatial import bounding_box, haversine_km
from network.events.models import Event, Registration


def _public() -> QuerySet[Event]:
    return Event.objects.published().select_related("venue", "venue__region", "organiser")


def events_upcoming(*, limit: int, now: datetime | None = None) -> list[Event]:
    """The next published (not cancelled) events, soonest first."""
    events = _public().filter(status=Event.Status.PUBLISHED).upcoming(now)
    return list(events[:limit])


@dataclass(frozen=True)
class EventFilters:
    """The list page's and the API's filters, already validated (network/events/forms.py)."""

    when: str = "upcoming"  # "upcoming" | "past"
    kind: str = ""
    region: int | None = None
    year: int | None = None
    month: int | None = None
    near: tuple[float, float] | None = None  # a point, from maps.geocoding.search_point
    radius_km: float = 50.0


def events_list(*, filters: EventFilters, now: datetime | None = None) -> list[Event]:
    events = _public()
    events = events.past(now) if filters.when == "past" else events.upcoming(now)
    if filters.kind:
        events = events.of_kind(filters.kind)
    if filters.region:
        events = events.in_region(filters.region)
    if filters.year and filters.month:
        events = events.in_month(filters.year, filters.month)
    if filters.near is None:
        return list(events)
    return _near(events, *filters.near, filters.radius_km)


def _near(events: QuerySet[Event], latitude: float, longitude: float, radius_km: float) -> list[Event]:
    """Two stages, as in the catalogue: the venue's indexed coordinates in a box, then the exact distance."""
    box = bounding_box(latitude, longitude, radius_km)
    candidates = events.filter(
        venue__latitude__gte=box.min_lat,
        venue__latitude__lte=box.max_lat,
        venue__longitude__gte=box.min_lng,
        venue__longitude__lte=box.max_lng,
    )
    nearby = []
    for event in candidates:
        event.distance_km = haversine_km(latitude, longitude, event.venue.latitude, event.venue.longitude)
        if event.distance_km <= radius_km:
            nearby.append(event)
    return nearby


def event_detail(*, slug: str) -> Event | None:
    return _public().annotate(confirmed_count=_confirmed_count()).filter(slug=slug).first()


def _confirmed_count() -> Count:
    return Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))


def events_for_calendar(*, now: datetime | None = None) -> list[Event]:
    """The iCalendar feed: published and cancelled events from 90 days ago on (cancelled ones say so)."""
    since = (now or timezone.now()) - timezone.timedelta(days=90)
    return list(_public().filter(ends_at__gte=since).order_by("starts_at", "pk"))


def events_managed(*, organisations: QuerySet) -> QuerySet[Event]:
    """Every event (drafts too) of these organisations, with head counts, newest first."""
    waiting = Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING))
    return (
        Event.objects.filter(organiser__in=organisations)
        .select_related("organiser", "venue")
        .annotate(confirmed_count=_confirmed_count(), waiting_count=waiting)
        .order_by("-starts_at", "-pk")
    )


def event_participants(*, event: Event) -> list[Registration]:
    """Confirmed first, then the waiting list in its order; cancelled ones last."""
    order = {
        Registration.Status.CONFIRMED: 0,
        Registration.Status.WAITING: 1,
        Registration.Status.CANCELLED: 2,
    }
    registrations = list(event.registrations.all())
    return sorted(registrations, key=lambda item: (order[item.status], item.created_at, item.pk))


def registration_by_token_hash(*, token_hash: str) -> Registration | None:
    return (
        Registration.objects.select_related("event", "event__venue", "event__organiser")
        .filter(token_hash=token_hash)
        .first()
    )

"""iCalendar (RFC 5545) files: the feed of all events, one event's file, the file a participant gets.

The online link goes only into a registered participant's file (`for_participant=True`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from network.events.models import Event

PRODUCT_ID = "-//Læringsmiljøer.dk//Arrangementer//DA"


@lru_cache(maxsize=1)
def _site_timezone(name: str) -> Timezone:
    # Deriving a VTIMEZONE from the zone's rules takes tens of milliseconds: once per process.
    return Timezone.from_tzinfo(ZoneInfo(name), first_date=date(2015, 1, 1), last_date=date(2045, 1, 1))


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"event-{event.pk}@{host}"


def _location(event: Event, *, for_participant: bool) -> str:
    if event.venue_id:
        return ", ".join(part for part in [event.venue.name, event.venue.address_line] if part)
    if event.is_online:
        return event.online_url if for_participant else "Online"
    return ""


def _component(event: Event, *, for_participant: bool) -> CalendarEvent:
    component = CalendarEvent()
    component.add("uid", _uid(event))
    component.add("dtstamp", timezone.now())
    # Local time with its zone (TZID + VTIMEZONE), as calendar programs show it.
    component.add("dtstart", timezone.localtime(event.starts_at))
    component.add("dtend", timezone.localtime(event.ends_at))
    component.add("summary", event.title)
    description = "\n\n".join(part for part in [event.summary, event.description] if part)
    if for_participant and event.is_online and event.online_url:
        description += f"\n\nOnline: {event.online_url}"
    component.add("description", description)
    component.add("location", _location(event, for_participant=for_participant))
    component.add("url", _absolute(event.get_absolute_url()))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # A cancelled event must replace the copy in the participant's calendar: higher sequence.
    component.add("sequence", 1 if event.is_cancelled else 0)
    if event.venue_id and event.venue.has_coordinates:
        component.add("geo", (event.venue.latitude, event.venue.longitude))
    component.add(
        "organizer", f"mailto:{settings.DEFAULT_FROM_EMAIL}", parameters={"cn": event.organiser.name}
    )
    return component


def calendar_bytes(events: Iterable[Event], *, name: str = "", for_participant: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    events = list(events)
    if len(events) == 1 and for_participant:
        calendar.add("method", "CANCEL" if events[0].is_cancelled else "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_component(event, for_participant=for_participant))
    if events:
        calendar.add_component(_site_timezone(settings.TIME_ZONE))
    return calendar.to_ical()


def event_filename(event: Event) -> str:
    return f"{event.slug}.ics"

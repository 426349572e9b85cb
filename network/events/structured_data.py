"""schema.org `Event` JSON-LD for the detail page, escaped by the catalogue's json_ld_script."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.safestring import SafeString

from directory.templatetags.structured_data import _compact, absolute, json_ld_script, place_data
from network.events.models import Event

STATUS = {
    Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}


def event_data(event: Event) -> dict[str, Any]:
    if event.venue_id and event.is_online:
        mode, location = "MixedEventAttendanceMode", [place_data(event.venue), {"@type": "VirtualLocation"}]
    elif event.venue_id:
        mode, location = "OfflineEventAttendanceMode", place_data(event.venue)
    else:
        # The link itself is for registered participants only, so the public data names no URL.
        mode, location = "OnlineEventAttendanceMode", {"@type": "VirtualLocation"}
    url = absolute(event.get_absolute_url())
    return _compact(
        {
            "@context": "https://schema.org",
            "@type": "EducationEvent",
            "name": event.title,
            "description": event.summary or event.description,
            "url": url,
            "startDate": event.starts_at.isoformat(),
            "endDate": event.ends_at.isoformat(),
            "eventStatus": STATUS.get(event.status, ""),
            "eventAttendanceMode": f"https://schema.org/{mode}",
            "location": location,
            "organizer": {
                "@type": "Organization",
                "name": event.organiser.name,
                "url": absolute(event.organiser.get_absolute_url()),
            },
            "audience": {"@type": "EducationalAudience", "audienceType": event.audience}
            if event.audience
            else {},
            "maximumAttendeeCapacity": event.capacity,
            "isAccessibleForFree": event.is_free,
            "offers": {
                "@type": "Offer",
                "price": str(event.price_dkk.quantize(Decimal("0.01"))),
                "priceCurrency": "DKK",
                "url": url,
                "availability": "https://schema.org/InStock",
            },
        }
    )


def event_json_ld(event: Event) -> SafeString:
    return json_ld_script(event_data(event))

"""Reads for the newsletter's pages."""

from __future__ import annotations

from directory.models import Grade, Offer, Subject
from maps.models import Municipality
from network.newsletter import matching
from network.newsletter.models import Subscriber

RADIUS_CHOICES_KM = (5, 10, 25, 50, 100)


def filter_choices() -> dict:
    """The choices of the subscribe page's filters (the search page's own vocabulary)."""
    return {
        "subjects": Subject.objects.all(),
        "grades": Grade.objects.all(),
        "municipalities": Municipality.objects.all(),
        "formats": Offer.Format.choices,
        "delivery_name": matching.delivery_parameter(),
        "radius_choices": RADIUS_CHOICES_KM,
    }


def subscriptions_described(subscriber: Subscriber) -> list[dict]:
    return [
        {
            "subscription": subscription,
            "words": matching.describe(subscription.filters),
            "radius_km": matching.radius_km(subscription.filters),
            "search_path": matching.search_path(subscription.filters),
        }
        for subscription in subscriber.subscriptions.order_by("created_at", "pk")
    ]


def everything_held(subscriber: Subscriber) -> dict:
    """What the site keeps about an address (GDPR art. 15), for the data page."""
    return {
        "subscriber": subscriber,
        "subscriptions": subscriptions_described(subscriber),
        "digests": subscriber.digests.order_by("-created_at"),
        "issues": subscriber.issues.select_related("issue").order_by("-created_at"),
    }

"""The network's own news and upcoming events, for the digest and the editorial issue.

The one place the newsletter reads the news (network.knowledge) and events (network.events)
apps: imported lazily, so the newsletter works, without this part, where they are absent.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps

EVENTS_APP = "network.events"
NEWS_APP = "network.knowledge"


def upcoming_events(*, limit: int = 5) -> list:
    """The next public events (each with ``title``, ``starts_at`` and ``get_absolute_url``)."""
    if not apps.is_installed(EVENTS_APP):
        return []
    from network.events.selectors import events_upcoming

    return list(events_upcoming(limit=limit))


def events_by_ids(ids: list[int]) -> list:
    if not apps.is_installed(EVENTS_APP) or not ids:
        return []
    from network.events.models import Event

    return list(Event.objects.published().filter(pk__in=ids).order_by("starts_at", "pk"))


def recent_news(*, since: datetime | None = None, limit: int = 5) -> list:
    """Published news articles (``title``, ``lead``, ``published_at``, ``get_absolute_url``)."""
    if not apps.is_installed(NEWS_APP):
        return []
    from network.knowledge.selectors import news_recent

    return list(news_recent(since=since, limit=limit))


def news_by_ids(ids: list[int]) -> list:
    if not apps.is_installed(NEWS_APP) or not ids:
        return []
    from network.knowledge.models import Article

    return list(Article.objects.published().filter(pk__in=ids).order_by("-published_at", "pk"))

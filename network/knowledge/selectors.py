"""Reads of news, press and the about pages. The newsletter (issue 13) calls `news_recent`."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from directory.models import LearningEnvironment, Organisation
from network.knowledge.models import AnnualReport, Article, Page, Partnership, PressContact, PressMaterial


def news_recent(*, since: datetime | None = None, limit: int, now: datetime | None = None) -> list[Article]:
    """Published articles, newest first; only those published after `since` when it is given."""
    articles = Article.objects.published(now)
    if since is not None:
        articles = articles.filter(published_at__gt=since)
    return list(articles[:limit])


def articles_page(*, tag: str = "") -> QuerySet[Article]:
    articles = Article.objects.published()
    if tag:
        articles = articles.filter(tags__icontains=tag)
    return articles


def article_detail(*, slug: str) -> Article | None:
    return (
        Article.objects.published()
        .prefetch_related("related_offers", "related_events", "related_organisations")
        .filter(slug=slug)
        .first()
    )


def press_page() -> dict:
    return {
        "contacts": list(PressContact.objects.all()),
        "materials": list(PressMaterial.objects.all()),
        "releases": list(Article.objects.published().filter(kind=Article.Kind.PRESS)[:20]),
    }


def page_detail(*, slug: str) -> Page | None:
    return Page.objects.filter(slug=slug, is_published=True).first()


def pages_in_section(*, section: str) -> list[Page]:
    return list(Page.objects.filter(section=section, is_published=True))


def annual_reports() -> list[AnnualReport]:
    return list(AnnualReport.objects.all())


def partnerships() -> list[Partnership]:
    return list(Partnership.objects.filter(is_active=True).select_related("organisation"))


def network_members() -> list[Organisation]:
    """The national network: member organisations with a public listing, by name."""
    return list(Organisation.objects.public().filter(is_network_member=True).order_by("name"))


def organisation_markers(*, organisations: list[Organisation]) -> list[dict]:
    """One marker per active, located place of these organisations (for the small map script)."""
    places = (
        LearningEnvironment.objects.active()
        .filter(organisation__in=[o.pk for o in organisations], latitude__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
    return [
        {
            "name": f"{place.organisation.name}: {place.name}",
            "lat": place.latitude,
            "lng": place.longitude,
            "url": place.organisation.get_absolute_url(),
            "address": place.address_line,
        }
        for place in places
    ]

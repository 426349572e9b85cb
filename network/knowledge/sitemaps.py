"""sitemap.xml entries for events, news and the about pages (added to the catalogue's in network/urls.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from network.events.models import Event
from network.knowledge.models import Article, Page


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event: Event):
        return event.updated_at


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, article: Article):
        return article.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.filter(is_published=True).only("slug", "updated_at").order_by("pk")

    def lastmod(self, page: Page):
        return page.updated_at


class KnowledgeIndexSitemap(Sitemap):
    """The list pages themselves."""

    changefreq = "daily"

    def items(self):
        return ["events:list", "knowledge:news", "knowledge:press", "knowledge:about",
                "knowledge:annual_reports", "knowledge:network"]  # fmt: skip

    def location(self, name: str) -> str:
        return reverse(name)


KNOWLEDGE_SITEMAPS = {
    "events": EventSitemap,
    "news": ArticleSitemap,
    "pages": PageSitemap,
    "knowledge": KnowledgeIndexSitemap,
}

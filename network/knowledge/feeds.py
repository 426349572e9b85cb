"""RSS 2.0 and Atom feeds of the news (Django's syndication framework)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from network.knowledge.models import Article
from network.knowledge.selectors import news_recent


class NewsFeed(Feed):
    title = _("Nyheder fra Læringsmiljøer.dk")
    description = _("Nyheder og pressemeddelelser fra videnscentret og det nationale netværk.")

    def link(self):
        return reverse("knowledge:news")

    def items(self):
        return news_recent(limit=30)

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # The lead as plain text: the syndication framework escapes it for the XML.
        return item.lead

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author or settings.SITE_NAME

    def item_categories(self, item: Article) -> list[str]:
        return item.tag_list


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description

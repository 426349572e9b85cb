from django import template

from network.knowledge.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Coordinator-written Markdown as sanitised HTML (network/knowledge/markdown.py)."""
    return render_markdown(text)


@register.inclusion_tag("knowledge/snippets/news_teasers.html")
def front_page_news(limit: int = 3):
    """The front page's news and next events (two short reads; nothing when both are empty)."""
    from network.events.selectors import events_upcoming
    from network.knowledge.selectors import news_recent

    return {"articles": news_recent(limit=limit), "events": events_upcoming(limit=limit)}

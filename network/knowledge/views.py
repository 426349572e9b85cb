"""News, the press page and the pages about the network. Each view: one selector, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from directory.views.details import map_settings
from network.knowledge import selectors


def news_list(request: HttpRequest) -> HttpResponse:
    tag = request.GET.get("emne", "").strip()[:100]
    return render(
        request, "knowledge/news_list.html", {"articles": selectors.articles_page(tag=tag)[:50], "tag": tag}
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_detail(slug=slug)
    if article is None:
        raise Http404
    return render(request, "knowledge/article.html", {"article": article})


def press(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/press.html", selectors.press_page())


def about(request: HttpRequest) -> HttpResponse:
    context = {"pages": selectors.pages_in_section(section="about"), "reports": selectors.annual_reports()}
    return render(request, "knowledge/about.html", context)


def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.page_detail(slug=slug)
    if page is None:
        raise Http404
    return render(request, "knowledge/page.html", {"page": page})


def annual_reports(request: HttpRequest) -> HttpResponse:
    return render(request, "knowledge/annual_reports.html", {"reports": selectors.annual_reports()})


def partnerships(request: HttpRequest) -> HttpResponse:
    partners = selectors.partnerships()
    context = {
        "partners": partners,
        "places": selectors.organisation_markers(organisations=[p.organisation for p in partners]),
        "map_settings": map_settings(),
        "page": selectors.page_detail(slug="partnerskaber"),
    }
    return render(request, "knowledge/partnerships.html", context)


def network_members(request: HttpRequest) -> HttpResponse:
    members = selectors.network_members()
    context = {
        "members": members,
        "places": selectors.organisation_markers(organisations=members),
        "map_settings": map_settings(),
        "page": selectors.page_detail(slug="netvaerket"),
    }
    return render(request, "knowledge/network.html", context)

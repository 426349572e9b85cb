"""Subscribing, confirming, managing and unsubscribing: no login, the links are the key."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from network.newsletter import editorial, matching, selectors, services
from network.newsletter.forms import PreferencesForm, SubscribeForm


def subscribe(request: HttpRequest) -> HttpResponse:
    """The dedicated page (GET) and every subscribe form's target (POST). From a search page
    the search arrives as ``filters`` (its query string); here as the page's own fields."""
    if request.method != "POST":
        return _subscribe_page(request, SubscribeForm(), request.GET, matching.CleanFilters())
    form = SubscribeForm(request.POST)
    source = QueryDict(request.POST["filters"]) if "filters" in request.POST else request.POST
    filters = matching.clean_filters(source)
    if not (form.is_valid() and filters.is_valid):
        return _subscribe_page(request, form, source, filters, status=400)
    services.subscriber_subscribe(
        email=form.cleaned_data["email"],
        filters=filters.querystring,
        area_label=filters.area_label,
        language=get_language(),
        rhythm=form.cleaned_data["rhythm"],
        wants_network_news=form.cleaned_data["wants_network_news"],
        consent_text=str(form.fields["consent"].label),
    )
    return redirect("newsletter:subscribe_sent")


def _subscribe_page(request, form, values: QueryDict, filters, status: int = 200) -> HttpResponse:
    choices = selectors.filter_choices()
    context = {
        "form": form,
        "filter_errors": filters.errors,
        "values": {name: values.getlist(name) for name in matching.filter_names()},
        "delivery_values": values.getlist(choices["delivery_name"]),
        "querystring": values.urlencode() if "filters" in request.POST else "",
        "words": matching.describe(values.urlencode()) if "filters" in request.POST else [],
        **choices,
    }
    return render(request, "newsletter/subscribe.html", context, status=status)


def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/subscribe_sent.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner following links confirms nothing."""
    try:
        if request.method == "POST":
            subscriber = services.subscriber_confirm(token=token)
            return render(request, "newsletter/confirmed.html", _links(subscriber))
        services.subscriber_for_confirmation(token)
    except ValidationError as error:
        return _invalid(request, error)
    return render(request, "newsletter/confirm.html")


def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return render(request, "newsletter/invalid_link.html", {"reason": error.messages[0]}, status=404)


def _links(subscriber) -> dict:
    from network.newsletter.tokens import manage_token

    return {"subscriber": subscriber, "token": manage_token(subscriber)}


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = services.subscriber_for_link(token)
    except ValidationError as error:
        return _invalid(request, error)
    form = PreferencesForm(request.POST or None, instance=subscriber)
    saved = False
    if request.method == "POST" and form.is_valid():
        services.subscriber_update(subscriber=subscriber, **form.cleaned_data)
        saved = True
    context = {
        **_links(subscriber),
        "form": form,
        "saved": saved,
        "subscriptions": selectors.subscriptions_described(subscriber),
    }
    return render(request, "newsletter/manage.html", context, status=400 if form.errors else 200)


@require_POST
def subscription_remove(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    try:
        subscriber = services.subscriber_for_link(token)
    except ValidationError as error:
        return _invalid(request, error)
    if not services.subscription_remove(subscriber=subscriber, subscription_id=pk):
        raise Http404
    return redirect("newsletter:manage", token=token)


@csrf_exempt  # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = services.subscriber_for_link(token)
    except ValidationError as error:
        return _invalid(request, error)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", _links(subscriber))
    return render(request, "newsletter/unsubscribe.html", _links(subscriber))


@require_http_methods(["GET", "POST"])
def data(request: HttpRequest, token: str) -> HttpResponse:
    """Everything held about the address (GET), and deleting all of it (POST)."""
    try:
        subscriber = services.subscriber_for_link(token)
    except ValidationError as error:
        return _invalid(request, error)
    if request.method == "POST":
        services.subscriber_delete(subscriber=subscriber)
        return render(request, "newsletter/deleted.html")
    return render(request, "newsletter/data.html", {**selectors.everything_held(subscriber), "token": token})


def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/archive.html", {"issues": editorial.issues_sent()})


def archive_issue(request: HttpRequest, slug: str) -> HttpResponse:
    issue = editorial.issue_sent(slug=slug)
    if issue is None:
        raise Http404
    return render(request, "newsletter/issue_page.html", editorial.issue_context(issue))

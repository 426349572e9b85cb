"""The digest: each due subscriber gets the offers that are news since their last digest and
match their saved searches, in one e-mail per period, or nothing when nothing matches.

At most once per period: the DigestSending row (unique per subscriber and period) is written
in the same transaction that queues the e-mail (network.mail enqueues on commit). A second
run finds the row and skips; a run that dies halfway rolls back the subscriber it was on,
which the next run does again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation

from directory.models import Offer
from network.newsletter import changes, emails, matching, network_news
from network.newsletter.models import DigestSending, Subscriber

MAX_OFFERS_PER_SEARCH = 20  # a digest is read, not scrolled: the rest is one click away
EVENTS_IN_DIGEST = 3
NEWS_IN_DIGEST = 3


def period_of(subscriber_rhythm: str, moment: datetime) -> str:
    """The period a moment falls in: ISO week for weekly subscribers, month for monthly."""
    local = timezone.localtime(moment)
    if subscriber_rhythm == Subscriber.Rhythm.MONTHLY:
        return f"{local.year}-{local.month:02d}"
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class DigestRun:
    """One run's counts, and the searches it has already run (subscribers with the same
    search and the same window share one answer)."""

    now: datetime
    sent: int = 0
    empty: int = 0
    skipped: int = 0
    offers: int = 0
    _news: dict = field(default_factory=dict)  # offer ids by window; the network's news and events
    _matches: dict = field(default_factory=dict)
    _unplaced: dict = field(default_factory=dict)  # per window: matching's answers without a point

    def news_ids(self, since: datetime) -> set[int]:
        return set(self.news_offers(since))

    def news_offers(self, since: datetime) -> dict[int, Offer]:
        """The window's news, read once per run: each digest shows some of these."""
        if since not in self._news:
            ids = changes.news_offer_ids(since=since, until=self.now)
            offers = Offer.objects.filter(pk__in=ids).select_related("organisation") if ids else []
            self._news[since] = {offer.pk: offer for offer in offers}
        return self._news[since]

    def matches(self, querystring: str, since: datetime) -> list[matching.MatchedOffer]:
        key = (querystring, since)
        if key not in self._matches:
            ids = self.news_ids(since)
            unplaced = self._unplaced.setdefault(since, {})
            self._matches[key] = (
                matching.offers_matching(querystring=querystring, offer_ids=ids, unplaced=unplaced)
                if ids
                else []
            )
        return self._matches[key]

    def news(self, since: datetime) -> list:
        key = ("news", since)
        if key not in self._news:
            self._news[key] = network_news.recent_news(since=since, limit=NEWS_IN_DIGEST)
        return self._news[key]

    def events(self) -> list:
        if "events" not in self._news:
            self._news["events"] = network_news.upcoming_events(limit=EVENTS_IN_DIGEST)
        return self._news["events"]

    @property
    def searches_run(self) -> int:
        return len(self._matches)

    def summary(self) -> str:
        return (
            f"{self.sent} digests queued ({self.offers} offers), {self.empty} with nothing new, "
            f"{self.skipped} already done this period"
        )


def due_subscribers(now: datetime):
    """Active subscribers without a digest for their current period (weekly and monthly)."""
    active = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE)
    due = active.none()
    for rhythm in Subscriber.Rhythm.values:
        done = DigestSending.objects.filter(period=period_of(rhythm, now)).values("subscriber_id")
        due = due | active.filter(rhythm=rhythm).exclude(pk__in=done)
    return due.order_by("pk")


def digest_run(*, now: datetime | None = None, progress: Callable[[Iterator], Iterator] = iter) -> DigestRun:
    run = DigestRun(now=now or timezone.now())
    subscribers = due_subscribers(run.now)
    last = dict(
        DigestSending.objects.filter(subscriber__in=subscribers)
        .values_list("subscriber_id")
        .annotate(until=Max("covers_until"))
    )
    for subscriber in progress(subscribers.prefetch_related("subscriptions").iterator(chunk_size=1000)):
        since = last.get(subscriber.pk) or subscriber.confirmed_at
        outcome = digest_send(subscriber=subscriber, since=min(since, run.now), run=run)
        setattr(run, outcome, getattr(run, outcome) + 1)
    return run


def digest_send(*, subscriber: Subscriber, since: datetime, run: DigestRun) -> str:
    """'sent', 'empty' or 'skipped' (this period's digest exists already)."""
    period = period_of(subscriber.rhythm, run.now)
    try:
        with transaction.atomic():
            sending = DigestSending.objects.create(
                subscriber=subscriber,
                period=period,
                covers_from=since,
                covers_until=run.now,
                outcome=DigestSending.Outcome.EMPTY,
            )
            context = digest_context(subscriber=subscriber, since=since, run=run, period=period)
            if not context["searches"]:
                return "empty"
            emails.send_digest(subscriber=subscriber, context=context)
            sending.outcome, sending.offer_count = DigestSending.Outcome.QUEUED, context["offer_count"]
            sending.save(update_fields=["outcome", "offer_count"])
    except IntegrityError:
        return "skipped"
    run.offers += context["offer_count"]
    return "sent"


def digest_context(*, subscriber: Subscriber, since: datetime, run: DigestRun, period: str) -> dict:
    """The e-mail's content; ``searches`` is empty when none of them has anything new."""
    campaign = f"digest-{period}"
    searches, seen = [], set()
    with translation.override(subscriber.language):
        for subscription in subscriber.subscriptions.all():
            if subscription.confirmed_at is None:
                continue
            offers = run.news_offers(since)
            found = [
                (offers[match.offer_id], match.distance_km)
                for match in run.matches(subscription.filters, since)
                if match.offer_id not in seen  # an offer once, under the first search finding it
            ][:MAX_OFFERS_PER_SEARCH]
            seen.update(offer.pk for offer, _distance in found)
            if found:
                searches.append(_search_block(subscription, found, campaign))
        news, events = [], []
        if searches and subscriber.wants_network_news:
            news = [_link(article, campaign) for article in run.news(since)]
            events = [_link(event, campaign) for event in run.events()]
    return {
        "searches": searches,
        "news": news,
        "events": events,
        "offer_count": len(seen),
        "since": since,
        "period": period,
    }


def _search_block(subscription, found: list[tuple[Offer, float | None]], campaign: str) -> dict:
    return {
        "words": matching.describe(subscription.filters),
        "area": subscription.area_label,
        "radius_km": matching.radius_km(subscription.filters),
        "search_url": emails.with_campaign(
            emails.absolute(matching.search_path(subscription.filters)), campaign
        ),
        "offers": [
            {
                "title": offer.title,
                "organisation": offer.organisation.name,
                "summary": offer.summary,
                "distance_km": distance_km,
                "url": emails.with_campaign(emails.absolute(offer.get_absolute_url()), campaign),
            }
            for offer, distance_km in found
        ],
    }


def _link(item, campaign: str) -> dict:
    """A news article or an event, as the e-mail shows it."""
    return {
        "title": item.title,
        "starts_at": getattr(item, "starts_at", None),
        "url": emails.with_campaign(emails.absolute(item.get_absolute_url()), campaign),
    }

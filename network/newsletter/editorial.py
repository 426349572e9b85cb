"""The coordinators' editorial newsletter: write, preview, test, send to every subscriber of
the network's newsletter (through the queue), and the public archive of sent issues."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.models import Offer
from network.newsletter import emails, network_news
from network.newsletter.models import Issue, IssueSending, Subscriber


def offer_choices():
    return Offer.objects.published().select_related("organisation").order_by("-published_at", "title")


def issues_sent():
    return Issue.objects.filter(sent_at__isnull=False).order_by("-sent_at")


def issue_sent(*, slug: str) -> Issue | None:
    return issues_sent().filter(slug=slug).first()


def issue_context(issue: Issue) -> dict:
    campaign = f"nyhedsbrev-{issue.slug}"
    return {
        "issue": issue,
        "offers": [
            {
                "title": offer.title,
                "organisation": offer.organisation.name,
                "summary": offer.summary,
                "url": emails.with_campaign(emails.absolute(offer.get_absolute_url()), campaign),
            }
            for offer in issue.offers.published().select_related("organisation").order_by("title")
        ],
        "news": [
            {
                "title": article.title,
                "lead": article.lead,
                "url": emails.with_campaign(emails.absolute(article.get_absolute_url()), campaign),
            }
            for article in network_news.news_by_ids(issue.article_ids)
        ],
        "events": [
            {
                "title": event.title,
                "starts_at": event.starts_at,
                "url": emails.with_campaign(emails.absolute(event.get_absolute_url()), campaign),
            }
            for event in network_news.events_by_ids(issue.event_ids)
        ],
    }


@transaction.atomic
def issue_save(
    *,
    issue: Issue | None,
    title: str,
    intro: str,
    offers: list[Offer],
    article_ids: list[int],
    event_ids: list[int],
    author,
) -> Issue:
    """Create or change a draft. A sent issue is part of the archive and stays as it was."""
    if issue is None:
        issue = Issue(created_by=author, slug=_free_slug(title))
    elif issue.sent_at is not None:
        raise ValueError("A sent issue cannot be changed.")
    issue.title, issue.intro = title, intro
    issue.article_ids, issue.event_ids = list(article_ids), list(event_ids)
    issue.save()
    issue.offers.set(offers)
    return issue


def _free_slug(title: str) -> str:
    base = slugify(title)[:200] or "nyhedsbrev"
    slug, number = base, 2
    while Issue.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def issue_send_test(*, issue: Issue, email: str, language: str) -> None:
    emails.send_issue_test(issue=issue, email=email, language=language)


@transaction.atomic
def issue_send(*, issue: Issue) -> bool:
    """Mark the issue sent and queue its delivery. False if it was sent already."""
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if locked.sent_at is not None:
        return False
    locked.sent_at = timezone.now()
    locked.save(update_fields=["sent_at"])
    from network.newsletter.tasks import issue_deliver

    transaction.on_commit(lambda: issue_deliver.enqueue(issue_id=locked.pk))
    return True


def issue_recipients():
    return Subscriber.objects.filter(status=Subscriber.Status.ACTIVE, wants_network_news=True).order_by("pk")


def issue_deliver_all(*, issue: Issue) -> int:
    """Queue the issue to every recipient not yet given it (a rerun after a crash goes on
    where it stopped). Returns how many were queued now."""
    queued = 0
    for subscriber in issue_recipients().exclude(issues__issue=issue).iterator(chunk_size=1000):
        try:
            with transaction.atomic():
                IssueSending.objects.create(issue=issue, subscriber=subscriber)
                emails.send_issue(issue=issue, subscriber=subscriber)
        except IntegrityError:
            continue
        queued += 1
    return queued

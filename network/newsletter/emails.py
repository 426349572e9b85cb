"""The newsletter's e-mails: confirmation, digest and editorial issue, each as HTML with a
plain-text alternative, in the subscriber's language, queued through network.mail.

Every e-mail after the confirmation carries the manage and unsubscribe links and the
RFC 8058 headers, so a mail program's own "unsubscribe" button works in one POST.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from network.mail import queue_email
from network.newsletter import tokens


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def with_campaign(url: str, campaign: str) -> str:
    """The link with the campaign parameters the site's statistics read."""
    parts = urlsplit(url)
    extra = urlencode({"utm_source": "nyhedsbrev", "utm_medium": "email", "utm_campaign": campaign})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def subscriber_links(subscriber) -> dict[str, str]:
    """Absolute manage, unsubscribe and data links in the subscriber's language."""
    token = tokens.manage_token(subscriber)
    with translation.override(subscriber.language):
        return {
            "manage": absolute(reverse("newsletter:manage", kwargs={"token": token})),
            "unsubscribe": absolute(reverse("newsletter:unsubscribe", kwargs={"token": token})),
            "data": absolute(reverse("newsletter:data", kwargs={"token": token})),
        }


def list_headers(links: dict[str, str]) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{links['unsubscribe']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def send_confirmation(*, subscriber, token: str) -> None:
    with translation.override(subscriber.language):
        url = absolute(reverse("newsletter:confirm", kwargs={"token": token}))
        context = {"url": url, "site_name": settings.SITE_NAME, "subscriber": subscriber}
        subject = _("Bekræft din tilmelding til %(site)s") % {"site": settings.SITE_NAME}
        queue_email(
            subject=subject,
            body=render_to_string("newsletter/email/confirm.txt", context),
            html=render_to_string("newsletter/email/confirm.html", context),
            to=[subscriber.email],
        )


def send_digest(*, subscriber, context: dict) -> None:
    links = subscriber_links(subscriber)
    with translation.override(subscriber.language):
        context = {**context, "links": links, "site_name": settings.SITE_NAME, "subscriber": subscriber}
        subject = _("Nye undervisningstilbud til dig – %(site)s") % {"site": settings.SITE_NAME}
        queue_email(
            subject=subject,
            body=render_to_string("newsletter/email/digest.txt", context),
            html=render_to_string("newsletter/email/digest.html", context),
            to=[subscriber.email],
            headers=list_headers(links),
        )


def render_issue(*, issue, language: str, links: dict[str, str] | None) -> tuple[str, str, str]:
    """(subject, text, html) of an issue; without ``links`` (a preview or a test) the footer
    explains where a subscriber's own links would be."""
    from network.newsletter.editorial import issue_context

    with translation.override(language):
        context = {**issue_context(issue), "links": links, "site_name": settings.SITE_NAME}
        return (
            issue.title,
            render_to_string("newsletter/email/issue.txt", context),
            render_to_string("newsletter/email/issue.html", context),
        )


def send_issue(*, issue, subscriber) -> None:
    links = subscriber_links(subscriber)
    subject, text, html = render_issue(issue=issue, language=subscriber.language, links=links)
    queue_email(subject=subject, body=text, html=html, to=[subscriber.email], headers=list_headers(links))


def send_issue_test(*, issue, email: str, language: str) -> None:
    subject, text, html = render_issue(issue=issue, language=language, links=None)
    queue_email(subject=_("[Test] %(title)s") % {"title": subject}, body=text, html=html, to=[email])

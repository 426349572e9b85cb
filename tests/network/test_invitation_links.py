"""Links in invitation e-mails point at the address the site is served at (or SITE_URL when set)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def invite_through_the_page(client, zoo, admin_of_zoo, host: str, captured):
    client.force_login(admin_of_zoo)
    with captured(execute=True):
        response = client.post(
            reverse("members:people", kwargs={"slug": zoo.slug}),
            {"email": "ny@zoo.dk", "role": "editor"},
            HTTP_HOST=host,
        )
    assert response.status_code == 302


def test_without_site_url_the_link_uses_the_address_the_page_was_served_at(
    client, settings, mailbox, zoo, admin_of_zoo, django_capture_on_commit_callbacks
):
    settings.SITE_URL_IS_SET = False
    settings.ALLOWED_HOSTS = ["skole-server.lan"]
    invite_through_the_page(
        client, zoo, admin_of_zoo, "skole-server.lan:8080", django_capture_on_commit_callbacks
    )
    [message] = mailbox.wait_for(1)
    links = re.findall(r"https?://\S+", mailbox.text(message))
    assert links and links[0].startswith("http://skole-server.lan:8080/medlem/invitation/"), links


def test_with_site_url_set_the_link_uses_it(
    client, settings, mailbox, zoo, admin_of_zoo, django_capture_on_commit_callbacks
):
    settings.SITE_URL, settings.SITE_URL_IS_SET = "https://laeringsmiljoer.dk", True
    settings.ALLOWED_HOSTS = ["skole-server.lan"]
    invite_through_the_page(
        client, zoo, admin_of_zoo, "skole-server.lan:8080", django_capture_on_commit_callbacks
    )
    [message] = mailbox.wait_for(1)
    links = re.findall(r"https?://\S+", mailbox.text(message))
    assert links[0].startswith("https://laeringsmiljoer.dk/medlem/invitation/"), links

"""Login lockout per e-mail and client, the client read correctly behind the proxy, the token
endpoint's 429, and the password-reset limits."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "korrekt-hest-batteri-42"
PROXY = "10.0.0.2"  # every request reaches the site from the proxy


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = 1


def log_in(client, email: str, password: str, client_address: str, sent_header: str = ""):
    """A login through the proxy, which appends the address it saw to X-Forwarded-For."""
    forwarded = f"{sent_header}, {client_address}" if sent_header else client_address
    return client.post(
        reverse("members:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_failures_behind_the_proxy_lock_one_member_at_one_client_not_everyone(client, axes_on, editor_of_zoo):
    colleague = factories.UserFactory(email="kollega@zoo.dk")
    for _attempt in range(3):
        log_in(client, editor_of_zoo.email, "gæt", "203.0.113.7")
    assert log_in(client, editor_of_zoo.email, PASSWORD, "203.0.113.7").status_code == 429
    assert log_in(client, colleague.email, PASSWORD, "203.0.113.7").status_code == 302
    assert log_in(client, editor_of_zoo.email, PASSWORD, "198.51.100.9").status_code == 302


def test_a_client_cannot_choose_its_address_by_sending_the_header_itself(client, axes_on, editor_of_zoo):
    for number in range(3):
        log_in(client, editor_of_zoo.email, "gæt", "203.0.113.7", sent_header=f"192.0.2.{number}")
    locked = log_in(client, editor_of_zoo.email, PASSWORD, "203.0.113.7", sent_header="192.0.2.99")
    assert locked.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


def test_attempts_during_a_lockout_are_not_counted_a_correct_password_included(
    client, axes_on, editor_of_zoo
):
    for _attempt in range(3):
        log_in(client, editor_of_zoo.email, "gæt", "203.0.113.7")
    attempt = AccessAttempt.objects.get()
    failures, started = attempt.failures_since_start, attempt.attempt_time
    for password in (PASSWORD, "gæt", PASSWORD):
        assert log_in(client, editor_of_zoo.email, password, "203.0.113.7").status_code == 429
    attempt.refresh_from_db()
    assert (attempt.failures_since_start, attempt.attempt_time) == (failures, started)
    assert "_auth_user_id" not in client.session


def test_the_token_endpoint_answers_429_with_retry_after_while_locked(axes_on, editor_of_zoo):
    api = APIClient()
    answers = [
        api.post("/api/v1/member/token/", {"username": editor_of_zoo.email, "password": "gæt"}).status_code
        for _attempt in range(3)
    ]
    assert answers == [400, 400, 429]  # the failure that reaches the limit is already told
    locked = api.post("/api/v1/member/token/", {"username": editor_of_zoo.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert not Token.objects.filter(user=editor_of_zoo).exists()


def test_password_reset_is_limited_per_address(client, settings, editor_of_zoo):
    settings.PASSWORD_RESET_PER_ADDRESS = 3
    url = reverse("members:password_reset")
    answers = [client.post(url, {"email": editor_of_zoo.email}).status_code for _ in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_client_whatever_the_address(client, settings, editor_of_zoo):
    settings.PASSWORD_RESET_PER_IP = 4
    url = reverse("members:password_reset")
    answers = [client.post(url, {"email": f"nogen{number}@example.dk"}).status_code for number in range(5)]
    assert answers == [302, 302, 302, 302, 429]
    refused = client.post(url, {"email": editor_of_zoo.email})
    assert refused.status_code == 429 and "Prøv igen om en time" in refused.content.decode()
    assert len(mail.outbox) == 0
    other_client = client.post(url, {"email": editor_of_zoo.email}, REMOTE_ADDR="198.51.100.9")
    assert other_client.status_code == 302 and len(mail.outbox) == 1

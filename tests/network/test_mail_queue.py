"""E-mail leaves through the one task queue and a real SMTP server (tests/smtp.py)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from network import services
from network.mail import email_rejected, queue_email, send_email
from tests import factories
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}


def test_an_invitation_reaches_the_smtp_server_with_its_link(mailbox, django_capture_on_commit_callbacks):
    organisation = factories.OrganisationFactory(name="Aalborg Zoo")
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = services.membership_invite(
            organisation=organisation, email="Ny.Kollega@Zoo.dk", role="editor", invited_by=None
        )
    [message] = mailbox.wait_for(1)
    assert message["To"] == "ny.kollega@zoo.dk"
    assert "Aalborg Zoo" in mailbox.text(message)
    assert services.invitation_url(token) in mailbox.text(message)


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection, as in production
def test_the_database_queue_holds_mail_until_a_worker_sends_it(mailbox, settings):
    settings.TASKS = DATABASE_QUEUE
    with transaction.atomic():
        queue_email(
            subject="Påmindelse",
            body="Temadag i morgen kl. 9.",
            html="<p>Temadag i <b>morgen</b></p>",
            to=["laerer@skole.dk"],
            headers={"List-Unsubscribe": "<https://example.dk/u/abc>"},
            attachments=[("temadag.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )
    assert mailbox.messages == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    call_command("db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload")

    [message] = mailbox.wait_for(1)
    assert message["Subject"] == "Påmindelse"
    assert message["List-Unsubscribe"] == "<https://example.dk/u/abc>"
    assert mailbox.html(message).strip() == "<p>Temadag i <b>morgen</b></p>"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "temadag.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_an_address_the_server_refuses_for_good_is_reported_not_retried(mailbox, settings):
    settings.TASKS = DATABASE_QUEUE
    mailbox.refuse.add("findes.ikke@skole.dk")
    rejected = []

    def record(sender, address, reason, **kwargs):
        rejected.append(address)

    email_rejected.connect(record)
    try:
        assert send_email.call(subject="x", body="y", to=["findes.ikke@skole.dk"]) == "rejected"
    finally:
        email_rejected.disconnect(record)
    assert rejected == ["findes.ikke@skole.dk"]
    assert DBTaskResult.objects.count() == 0


def test_a_server_that_is_away_gets_the_mail_again_later(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens

    assert send_email.call(subject="x", body="y", to=["laerer@skole.dk"]) == "retrying"

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 1
    assert retry.run_after is not None

"""Registration through the page, with the e-mails read from a real SMTP server (tests/smtp.py)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from network.events.models import Registration
from network.events.services import hash_token
from tests.events.conftest import register_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(client, committed):
    def post(event, email, **extra):
        return committed(client.post, event.get_absolute_url(), register_form(email, **extra))

    return post


def manage_link(text: str) -> str:
    return re.search(r"https?://\S+/arrangementer/tilmelding/\S+/", text).group(0)


def test_a_teacher_registers_and_gets_the_confirmation_with_its_calendar_file_and_a_cancel_link(
    client, theme_day, mailbox, register
):
    response = register(theme_day, "Lise@Skole.dk")
    assert response.status_code == 302

    [message] = mailbox.wait_for(1)
    assert message["To"] == "lise@skole.dk"
    assert "Temadag om natur og udeskole" in message["Subject"]
    text = mailbox.text(message)
    assert "Zoo-skolen" in text
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(attachment.get_content())
    [component] = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Temadag om natur og udeskole"
    assert component.decoded("dtstart") == theme_day.starts_at

    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    # Only the token's hash is stored; the link carries the token itself.
    token = manage_link(text).rstrip("/").rsplit("/", 1)[1]
    assert registration.token_hash == hash_token(token) and token not in registration.token_hash
    page = client.get(manage_link(text).split("8000", 1)[-1])
    assert page.status_code == 200 and b"Lise" in page.content


def test_a_full_event_offers_the_waiting_list_and_writes_nothing_until_asked(
    client, theme_day, mailbox, register
):
    for email in ["a@skole.dk", "b@skole.dk"]:
        assert register(theme_day, email).status_code == 302

    response = register(theme_day, "c@skole.dk")
    assert response.status_code == 400
    assert "fuldt booket" in response.content.decode()
    assert "Skriv mig på ventelisten" in response.content.decode()
    assert Registration.objects.filter(email="c@skole.dk").count() == 0

    response = register(theme_day, "c@skole.dk", join_waiting_list="on")
    assert response.status_code == 302
    assert Registration.objects.get(email="c@skole.dk").status == Registration.Status.WAITING
    waiting_mail = mailbox.wait_for(3)[-1]
    assert "ventelisten" in waiting_mail["Subject"] and not list(waiting_mail.iter_attachments())


def test_a_cancellation_moves_the_first_on_the_waiting_list_up_and_tells_them(
    client, theme_day, mailbox, register, committed
):
    for email in ["a@skole.dk", "b@skole.dk"]:
        register(theme_day, email)
    register(theme_day, "c@skole.dk", join_waiting_list="on")
    register(theme_day, "d@skole.dk", join_waiting_list="on")
    mailbox.wait_for(4)
    link = manage_link(mailbox.text(mailbox.to("a@skole.dk")[0]))

    response = committed(client.post, link.split("8000", 1)[-1])
    assert response.status_code == 302

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"a@skole.dk": "cancelled", "b@skole.dk": "confirmed", "c@skole.dk": "confirmed",
                        "d@skole.dk": "waiting"}  # fmt: skip
    mailbox.wait_for(6)
    [receipt] = [m for m in mailbox.to("a@skole.dk") if "afmelding" in m["Subject"]]
    [moved_up] = [m for m in mailbox.to("c@skole.dk") if "fået en plads" in m["Subject"]]
    assert [a.get_filename() for a in moved_up.iter_attachments()] == [f"{theme_day.slug}.ics"]
    # The one moved up gets a fresh link of their own, which works.
    page = client.get(manage_link(mailbox.text(moved_up)).split("8000", 1)[-1])
    assert page.status_code == 200 and "Tilmeldt" in page.content.decode()
    assert not mailbox.to("d@skole.dk")[1:]  # still waiting: nothing new


def test_cancelling_twice_moves_only_one_person_up(client, theme_day, mailbox, register, committed):
    for email in ["a@skole.dk", "b@skole.dk"]:
        register(theme_day, email)
    for email in ["c@skole.dk", "d@skole.dk"]:
        register(theme_day, email, join_waiting_list="on")
    link = manage_link(mailbox.text(mailbox.wait_for(4)[0])).split("8000", 1)[-1]
    committed(client.post, link)
    committed(client.post, link)
    assert Registration.objects.filter(status="confirmed").count() == 2
    assert Registration.objects.get(email="d@skole.dk").status == "waiting"


def test_the_same_e_mail_twice_is_refused_next_to_the_field(client, theme_day, mailbox, register):
    register(theme_day, "lise@skole.dk")
    response = register(theme_day, " LISE@skole.dk ")
    assert response.status_code == 400
    assert "allerede tilmeldt" in response.context["form"].errors["email"][0]
    assert Registration.objects.count() == 1


def test_a_bad_e_mail_is_a_form_error_and_writes_nothing(client, theme_day, mailbox, register):
    response = register(theme_day, "lise(at)skole")
    assert response.status_code == 400
    assert response.context["form"].errors["email"]
    assert Registration.objects.count() == 0
    assert mailbox.messages == []


def test_registration_without_consent_is_refused(client, theme_day):
    data = register_form("lise@skole.dk")
    del data["consent"]
    response = client.post(theme_day.get_absolute_url(), data)
    assert response.status_code == 400 and response.context["form"].errors["consent"]
    assert Registration.objects.count() == 0


def test_registration_after_the_deadline_is_refused(client, theme_day, mailbox, register):
    theme_day.registration_deadline = timezone.now() - timedelta(hours=1)
    theme_day.save()
    response = register(theme_day, "lise@skole.dk")
    assert response.status_code in (200, 400)
    assert "Der er lukket for tilmelding" in response.content.decode()
    assert Registration.objects.count() == 0
    assert mailbox.messages == []


def test_the_service_names_the_deadline(theme_day):
    from network.events.services import RegistrationRefused, registration_create

    theme_day.registration_deadline = timezone.now() - timedelta(minutes=1)
    theme_day.save()
    with pytest.raises(RegistrationRefused) as refusal:
        registration_create(event=theme_day, name="Lise", email="lise@skole.dk", consent=True)
    assert refusal.value.code == "deadline" and "fristen" in refusal.value.message


def test_sequential_registrations_never_exceed_capacity(theme_day):
    from network.events.services import RegistrationRefused, registration_create

    outcomes = []
    for number in range(5):
        try:
            registration_create(event=theme_day, name="X", email=f"p{number}@skole.dk", consent=True)
            outcomes.append("ok")
        except RegistrationRefused as refusal:
            outcomes.append(refusal.code)
    assert outcomes == ["ok", "ok", "full", "full", "full"]
    assert Registration.objects.filter(status="confirmed").count() == 2

"""Organisers and coordinators run their events from the member pages; reminders and cancellation mail."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from network.events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def event_form(**extra) -> dict:
    starts = timezone.localtime() + timedelta(days=20)
    return {
        "kind": "kursus",
        "title": "Kursus i naturvejledning",
        "summary": "To dage i felten.",
        "description": "",
        "audience": "Naturvejledere",
        "starts_at": starts.strftime("%Y-%m-%dT09:00"),
        "ends_at": starts.strftime("%Y-%m-%dT15:00"),
        "venue": "",
        "is_online": "on",
        "online_url": "https://moede.example.dk/kursus",
        "price_dkk": "0",
        "capacity": "20",
        "registration_deadline": "",
        **extra,
    }


def test_a_member_of_the_organiser_creates_a_draft_and_publishes_it(
    client, editor_of_centre, knowledge_centre
):
    client.force_login(editor_of_centre)
    response = client.post(reverse("event_members:add", args=[knowledge_centre.slug]), event_form())
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT and event.organiser == knowledge_centre
    assert event.created_by == editor_of_centre
    assert client.get(event.get_absolute_url()).status_code == 404

    client.post(reverse("event_members:publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    assert client.get(event.get_absolute_url()).status_code == 200


def test_an_event_ending_before_it_starts_is_a_form_error_and_nothing_is_saved(
    client, editor_of_centre, knowledge_centre
):
    client.force_login(editor_of_centre)
    starts = timezone.localtime() + timedelta(days=20)
    data = event_form(starts_at=starts.strftime("%Y-%m-%dT15:00"), ends_at=starts.strftime("%Y-%m-%dT09:00"))
    response = client.post(reverse("event_members:add", args=[knowledge_centre.slug]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["ends_at"]
    assert not Event.objects.exists()


def test_an_online_event_needs_its_link_and_a_place_or_online_is_required(
    client, editor_of_centre, knowledge_centre
):
    client.force_login(editor_of_centre)
    url = reverse("event_members:add", args=[knowledge_centre.slug])
    errors = client.post(url, event_form(online_url="")).context["form"].errors
    assert "online_url" in errors
    errors = client.post(url, event_form(is_online="", online_url="")).context["form"].errors
    assert "venue" in errors
    assert not Event.objects.exists()


def test_the_export_neutralises_cells_a_spreadsheet_would_run(client, editor_of_centre, theme_day):
    RegistrationFactory(event=theme_day, name="=HYPERLINK(\"http://x\")", organisation_name="+45 skolen",
                        role="-rektor", needs="@SUM(A1)")  # fmt: skip
    client.force_login(editor_of_centre)
    response = client.get(reverse("event_members:participants_export", args=[theme_day.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["navn", "e-mail"]
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][2:5] == ["'+45 skolen", "'-rektor", "'@SUM(A1)"]

    response = client.get(reverse("event_members:participants_export", args=[theme_day.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"


def test_the_attendance_sheet_lists_the_confirmed_participants_only(client, coordinator, theme_day):
    RegistrationFactory(event=theme_day, name="Anna Andersen", organisation_name="Skovvangskolen")
    RegistrationFactory(event=theme_day, name="Ventende Villy", status=Registration.Status.WAITING)
    client.force_login(coordinator)
    content = client.get(reverse("event_members:attendance", args=[theme_day.pk])).content.decode()
    assert "Anna Andersen" in content and "Skovvangskolen" in content
    assert "Ventende Villy" not in content


def test_cancelling_an_event_tells_everyone_registered_or_waiting(
    client, coordinator, theme_day, mailbox, committed
):
    RegistrationFactory(event=theme_day, email="a@skole.dk")
    RegistrationFactory(event=theme_day, email="b@skole.dk", status=Registration.Status.WAITING)
    RegistrationFactory(event=theme_day, email="c@skole.dk", status=Registration.Status.CANCELLED)
    client.force_login(coordinator)
    committed(client.post, reverse("event_members:cancel", args=[theme_day.pk]))

    messages = mailbox.wait_for(2)
    assert sorted(str(m["To"]) for m in messages) == ["a@skole.dk", "b@skole.dk"]
    assert all("Aflyst" in m["Subject"] for m in messages)
    [attachment] = list(messages[0].iter_attachments())
    assert "STATUS:CANCELLED" in attachment.get_content()
    theme_day.refresh_from_db()
    assert theme_day.status == Event.Status.CANCELLED
    page = client.get(theme_day.get_absolute_url()).content.decode()
    assert "Arrangementet er aflyst" in page


def test_reminders_go_once_to_confirmed_participants_of_events_starting_soon(
    knowledge_centre, zoo_place, mailbox, django_capture_on_commit_callbacks
):
    soon = EventFactory(
        organiser=knowledge_centre, venue=zoo_place, starts_at=timezone.now() + timedelta(hours=20)
    )
    later = EventFactory(organiser=knowledge_centre, venue=zoo_place)
    RegistrationFactory(event=soon, email="kommer@skole.dk")
    RegistrationFactory(event=soon, email="venter@skole.dk", status=Registration.Status.WAITING)
    RegistrationFactory(event=later, email="senere@skole.dk")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=out)
        call_command("send_event_reminders", stdout=out)
    [message] = mailbox.wait_for(1)
    assert message["To"] == "kommer@skole.dk" and "Påmindelse" in message["Subject"]
    assert "Reminded 1 participants of 1 events." in out.getvalue()
    assert "Reminded 0 participants of 0 events." in out.getvalue()

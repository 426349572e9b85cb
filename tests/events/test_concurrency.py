"""No overbooking when many people register for the last seats at the same moment.

The parallel test needs a database that lets several connections write at once and honours
SELECT … FOR UPDATE: PostgreSQL. SQLite serialises writers and refuses a second writer that read
first, so there only the serial rule is tested (test_registration.py).
"""

import threading

import pytest
from django.db import connection, connections

from network.events.models import Registration
from network.events.services import RegistrationRefused, registration_create
from tests.events.factories import EventFactory

PEOPLE = 16
SEATS = 5


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test ends by flushing every table, the migrations' reference rows too: reload them."""
    from django.apps import apps

    from directory.reference_data import sync_taxonomy
    from maps.reference_data import sync_geography

    sync_geography(apps)
    sync_taxonomy(apps)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_parallel_registrations_fill_exactly_the_seats_and_the_rest_wait():
    event = EventFactory(capacity=SEATS)
    start = threading.Barrier(PEOPLE)
    outcomes: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def register(number: int) -> None:
        try:
            start.wait()
            registration, _token = registration_create(
                event=event, name=f"Lærer {number}", email=f"laerer{number}@skole.dk", consent=True,
                join_waiting_list=number % 2 == 0,
            )  # fmt: skip
            result = registration.status
        except RegistrationRefused as refusal:
            result = refusal.code
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            with lock:
                errors.append(error)
            return
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=register, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(outcomes) == PEOPLE
    assert outcomes.count("confirmed") == SEATS
    assert Registration.objects.filter(event=event, status="confirmed").count() == SEATS
    # Everyone else either waits (asked to) or was told the event is full; nobody is lost.
    waiting = Registration.objects.filter(event=event, status="waiting").count()
    assert waiting == outcomes.count("waiting")
    assert waiting + outcomes.count("full") == PEOPLE - SEATS


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_parallel_registrations_with_the_same_e_mail_make_one_registration():
    event = EventFactory(capacity=50)
    start = threading.Barrier(8)
    codes: list[str] = []

    def register() -> None:
        try:
            start.wait()
            registration_create(event=event, name="Lise", email="lise@skole.dk", consent=True)
            codes.append("ok")
        except RegistrationRefused as refusal:
            codes.append(refusal.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(codes) == ["duplicate"] * 7 + ["ok"]
    assert Registration.objects.filter(event=event).count() == 1

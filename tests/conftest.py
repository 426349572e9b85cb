"""Shared fixtures. App-specific fixtures live in each tests/<app>/conftest.py."""

import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def fast_settings(settings):
    """Fast hashing and a private in-process cache, so tests stay quick and isolated."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    settings.AXES_ENABLED = False
    # Tasks run where they are enqueued (on commit), so a test sees their effect at once;
    # tests of the worker itself switch to the database backend.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
    }
    # LocMemCache keeps its data in a module-level dict that outlives the settings
    # override, so clear it: one test's cached answers must not leak into the next.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def smtp_server():
    from tests.smtp import start_server

    controller, mailbox = start_server()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp_server, settings):
    """A real SMTP server on a local port; Django sends to it. Returns the received mail."""
    controller, mailbox = smtp_server
    mailbox.messages.clear()
    mailbox.envelopes.clear()
    mailbox.refuse.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    return mailbox


@pytest.fixture(autouse=True)
def reference_data(request):
    """Regions, municipalities, subjects, grades, categories and languages for transactional tests.

    Migrations load them, but a transactional test (live server, a real worker, parallel
    writers) ends by flushing every table, so the next one would find none. pytest-django runs
    those tests last, after the others. Re-syncing them (idempotent) is simpler and more
    dependable than serialized_rollback.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = "live_server" in request.fixturenames or "transactional_db" in request.fixturenames
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        transactional = True
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from directory.reference_data import sync_taxonomy
    from maps.reference_data import sync_geography

    sync_geography(apps)
    sync_taxonomy(apps)


@pytest.fixture(autouse=True)
def danish_by_default():
    """Start every test in Danish: a request to /en/ leaves English active in the thread."""
    with translation.override("da"):
        yield


@pytest.fixture
def coordinator(db):
    """A network coordinator: staff, sees everything."""
    return factories.UserFactory(email="coordinator@netvaerk.dk", is_staff=True, is_superuser=True)


@pytest.fixture
def aarhus(db):
    from maps.models import Municipality

    return Municipality.objects.get(code=751)


@pytest.fixture
def copenhagen(db):
    from maps.models import Municipality

    return Municipality.objects.get(code=101)

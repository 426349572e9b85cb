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
    # LocMemCache keeps its data in a module-level dict that outlives the settings
    # override, so clear it: one test's cached answers must not leak into the next.
    from django.core.cache import cache

    cache.clear()


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

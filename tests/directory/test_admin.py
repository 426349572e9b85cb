"""The coordinators' admin: every registered model's change list, add form and change form
answer 200 for a superuser, and the list filters and search narrow the list correctly.

Models are enumerated from the admin site's registry, so a newly registered model is
covered without editing this file. The demo network gives every directory model rows.
"""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from directory.models import Category, LearningEnvironment, Offer, Organisation, Subject
from network.mail import send_email
from network.models import Invitation, Membership, PendingChange
from tests.knowledge.rows import knowledge_rows

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_IDS = [model._meta.label for model, _ in REGISTERED]


@pytest.fixture(scope="module", autouse=True)
def demo_network(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def a_row_of_every_model(coordinator, settings):
    """Rows for the registered models the demo network does not fill."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}
    }
    send_email.enqueue(subject="Invitation", body="Velkommen", to=["ny@example.dk"])  # a queued task
    Group.objects.create(name="Koordinatorer")
    Token.objects.create(user=coordinator)
    attempt = {
        "user_agent": "Firefox",
        "ip_address": "10.0.0.1",
        "username": "x@example.dk",
        "path_info": "/",
    }
    AccessAttempt.objects.create(
        **attempt, http_accept="*/*", get_data="", post_data="", failures_since_start=1
    )
    AccessLog.objects.create(**attempt, http_accept="*/*")
    AccessFailureLog.objects.create(**attempt, http_accept="*/*")
    museum = Organisation.objects.get(slug="aarhus-naturskole")
    Membership.objects.create(user=coordinator, organisation=museum, role=Membership.Role.ADMIN)
    Invitation.objects.create(
        organisation=museum,
        email="ny@example.dk",
        token_hash="0" * 64,
        invited_by=coordinator,
        expires_at=timezone.now() + timedelta(days=14),
    )
    PendingChange.objects.create(
        offer=Offer.objects.filter(organisation=museum).first(),
        data={"title": "Ny titel"},
        submitted_by=coordinator,
    )
    knowledge_rows(museum, museum.environments.first())


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model, model_admin", REGISTERED, ids=MODEL_IDS)
def test_change_list_answers_200_for_a_superuser(
    coordinator_client, a_row_of_every_model, model, model_admin
):
    response = coordinator_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model, model_admin", REGISTERED, ids=MODEL_IDS)
def test_change_form_answers_200_for_a_superuser(
    coordinator_client, a_row_of_every_model, model, model_admin
):
    row = model._default_manager.first()
    assert row is not None, f"no {model._meta.label} row to open"
    response = coordinator_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200
    assert str(row) in response.content.decode() or model._meta.proxy


@pytest.mark.parametrize("model, model_admin", REGISTERED, ids=MODEL_IDS)
def test_add_form_answers_200_where_adding_is_allowed_and_403_where_not(
    coordinator_client, coordinator, model, model_admin
):
    request = RequestFactory().get("/")
    request.user = coordinator
    expected = 200 if model_admin.has_add_permission(request) else 403
    assert coordinator_client.get(admin_url(model, "add")).status_code == expected


def test_organisation_form_offers_inlines_for_its_places_and_offers(coordinator_client):
    organisation = Organisation.objects.get(slug="aarhus-naturskole")
    page = coordinator_client.get(admin_url(Organisation, "change", organisation.pk)).content.decode()
    assert "Naturcenter Brabrand Sø" in page
    assert "Livet i søen – smådyr i Brabrand Sø" in page


def reference(kind: str, slug: str) -> int:
    return {"category": Category, "subject": Subject}[kind].objects.get(slug=slug).pk


# (model, admin filter parameters, the same question asked through the ORM)
FILTERS = [
    (Organisation, {"municipality__code__exact": 751}, {"municipality": 751}),
    (Organisation, {"municipality__region__code__exact": 1081}, {"municipality__region": 1081}),
    (Organisation, {"kind__exact": "kommune"}, {"kind": "kommune"}),
    (LearningEnvironment, {"municipality__code__exact": 101}, {"municipality": 101}),
    (LearningEnvironment, {"region__code__exact": 1085}, {"region": 1085}),
    (
        LearningEnvironment,
        {"category__id__exact": ("category", "zoo-akvarium")},
        {"category__slug": "zoo-akvarium"},
    ),
    (Offer, {"subjects__id__exact": ("subject", "biologi")}, {"subjects__slug": "biologi"}),
    (Offer, {"grade_from__level__exact": 7}, {"grade_from": 7}),
    (Offer, {"grade_to__level__exact": 13}, {"grade_to": 13}),
    (Offer, {"status__exact": "draft"}, {"status": "draft"}),
    (Offer, {"format__exact": "udgaaende"}, {"format": "udgaaende"}),
    (Offer, {"environments__municipality__code__exact": 751}, {"environments__municipality": 751}),
    (
        Offer,
        {"environments__municipality__region__code__exact": 1083},
        {"environments__municipality__region": 1083},
    ),
    (
        Offer,
        {"environments__category__id__exact": ("category", "museum")},
        {"environments__category__slug": "museum"},
    ),
]


@pytest.mark.parametrize(
    "model, parameters, lookup", FILTERS, ids=[f"{m.__name__}-{next(iter(p))}" for m, p, _ in FILTERS]
)
def test_list_filter_narrows_the_change_list_to_the_matching_rows(
    coordinator_client, model, parameters, lookup
):
    query = {
        key: reference(*value) if isinstance(value, tuple) else value for key, value in parameters.items()
    }
    response = coordinator_client.get(admin_url(model, "changelist"), query)
    assert response.status_code == 200
    expected = model.objects.filter(**lookup).distinct().count()
    assert 0 < expected < model.objects.count()
    assert response.context["cl"].result_count == expected


def test_search_finds_an_offer_by_its_organisation_name(coordinator_client):
    response = coordinator_client.get(admin_url(Offer, "changelist"), {"q": "Moesgaard"})
    titles = {offer.title for offer in response.context["cl"].result_list}
    assert "Grauballemanden og jernalderen" in titles
    assert all(offer.organisation.name == "Moesgaard Museum" for offer in response.context["cl"].result_list)


def test_a_filter_value_that_does_not_exist_is_answered_without_an_error(coordinator_client):
    response = coordinator_client.get(
        admin_url(LearningEnvironment, "changelist"), {"region__code__exact": "x"}
    )
    assert response.status_code in (200, 302)

"""Fuzzed: schemathesis sends generated requests to every operation of the OpenAPI schema
(public ones anonymously, member ones with a member's token) and no answer may be a 500.

Marked `slow` (deselect with -m "not slow"); bounded by the examples per operation.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token

from network.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 15


@pytest.fixture
def member_token(db) -> str:
    organisation = factories.OrganisationFactory(name="Fuzz Zoo", slug="fuzz-zoo")
    place = factories.EnvironmentFactory(organisation=organisation, name="Fuzz-skolen", slug="fuzz-skolen")
    factories.OfferFactory(organisation=organisation, title="Fuzzede pingviner", environments=[place])
    user = factories.UserFactory(email="fuzz@zoo.dk")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return Token.objects.create(user=user).key


def fuzz(operation, headers: dict) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def no_server_error(case):
        # Each request in a savepoint rolled back after it: the fuzzed writes do not pile up, and
        # on PostgreSQL a failed statement does not abort the test's transaction for the rest.
        savepoint = transaction.savepoint()
        try:
            case.call_and_validate(headers=headers, checks=[schemathesis.checks.not_a_server_error])
        finally:
            transaction.savepoint_rollback(savepoint)

    no_server_error()


@pytest.mark.slow
def test_no_generated_request_gets_a_server_error(member_token):
    # The operations are walked here rather than by schemathesis' pytest plugin, whose fixture
    # loader does not run under pytest 9; the requests and checks are schemathesis' own.
    # Called as a WSGI app, Django closes "old" connections at each request's start and end,
    # which on PostgreSQL would close the test's own transaction; its test client does the same.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        run_every_operation(member_token)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run_every_operation(member_token: str) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        headers = {"Authorization": f"Token {member_token}"} if "/member/" in operation.path else {}

        try:
            fuzz(operation, headers)
        except BaseException as error:  # schemathesis' FailureGroup is an ExceptionGroup: collect them all
            if isinstance(error, KeyboardInterrupt):
                raise
            lines = [line.strip() for line in str(error).splitlines() if line.strip()]
            reproduce = next((line for line in lines if line.startswith("curl")), "")
            cause = next((line for line in reversed(lines) if "Error" in line), lines[-1] if lines else "")
            failures.append(f"{operation.method.upper()} {operation.path}: {cause[:200]} | {reproduce[:300]}")
    assert operations >= 10
    assert failures == [], "\n\n".join(failures)


@pytest.mark.parametrize("region", ["-3.5355922506572225e+174", "1081.5", "99999999999999999999"])
def test_found_by_fuzzing_a_huge_or_fractional_region_is_a_400_naming_it(client, region):
    response = client.get("/api/v1/municipalities/", {"region": region})
    assert response.status_code == 400 and "region" in response.json()


def test_found_by_fuzzing_a_real_region_still_filters(client):
    codes = {row["region"] for row in client.get("/api/v1/municipalities/", {"region": 1081}).json()}
    assert codes <= {1081, "1081"} and codes


def test_found_by_fuzzing_a_nul_in_a_slug_of_the_write_api_is_a_400_naming_the_field(member_token):
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {member_token}")
    payload = {
        "organisation": "fuzz-zoo",
        "title": "T",
        "subjects": ["bio\x00logi"],
        "grade_from": "1-klasse",
    }
    response = api.post("/api/v1/member/offers/", {**payload, "grade_to": "4-kla\x00sse"}, format="json")
    assert response.status_code == 400
    assert {"subjects", "grade_to"} <= set(response.json())

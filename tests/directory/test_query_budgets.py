"""Query budgets: every list page and API list runs a fixed number of queries, the same with 5
matching rows as with 50 (a page of 20 then), so no list reads its rows one by one.

The reference tables (directory/reference.py) are loaded by a first request, as a running
process holds them; the budgets count what each further request costs.
"""

import pytest
from django.test import Client

from directory.models import Category, Grade, Language, Subject
from maps.models import Municipality
from tests.factories import EnvironmentFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

AARHUS = "56.1572,10.2107"
# URL -> queries. Changing a number is a decision: say why in the commit.
BUDGETS = {
    "/": 7,
    f"/?near={AARHUS}&radius=50": 10,
    "/?subject=biologi&grade=5&delivery=paa-stedet": 7,
    "/api/v1/offers/": 4,
    "/api/v1/offers/?subject=biologi&grade=5": 4,
    f"/api/v1/offers/?near={AARHUS}&radius=50": 5,
    f"/api/v1/offers/?near={AARHUS}&radius=50&format=geojson": 5,
    "/api/v1/offers/?q=havet": 4,
    "/api/v1/environments/": 3,
    "/api/v1/environments/?bbox=9.5,55.5,11.0,56.5&subject=biologi": 3,
    f"/api/v1/environments/?near={AARHUS}&radius=50": 3,
    "/api/v1/environments/clusters/?zoom=7": 1,
    "/api/v1/environments/clusters/?zoom=14&bbox=9.5,55.5,11.0,56.5": 2,
    "/api/v1/organisations/": 2,
    "/api/v1/subjects/": 1,
    "/api/v1/grades/": 1,
    "/api/v1/categories/": 1,
    "/api/v1/municipalities/": 1,
    "/api/v1/regions/": 1,
    "/api/v1/hsds/services/": 5,
    "/api/v1/hsds/taxonomy_terms/": 3,
}


@pytest.fixture(params=[5, 50], ids=["5 rows", "50 rows"])
def catalogue(request, db):
    """``n`` organisations, each with a place near Aarhus and an offer there (every other one
    outreach with a service radius), with subjects, languages and a second place for some."""
    count = request.param
    biology, history = Subject.objects.get(slug="biologi"), Subject.objects.get(slug="historie")
    danish, english = Language.objects.get(code="da"), Language.objects.get(code="en")
    aarhus = Municipality.objects.get(code=751)
    categories = list(Category.objects.all()[:3])
    for index in range(count):
        organisation = OrganisationFactory(name=f"Budget organisation {index}")
        places = [
            EnvironmentFactory(
                organisation=organisation,
                name=f"Budget sted {index}",
                latitude=56.0 + index * 0.005,
                longitude=10.0 + index * 0.005,
                municipality=aarhus,
                category=categories[index % len(categories)],
            )
        ]
        if index % 3 == 0:
            places.append(
                EnvironmentFactory(
                    organisation=organisation,
                    name=f"Budget andet sted {index}",
                    latitude=56.2 - index * 0.004,
                    longitude=10.3 - index * 0.004,
                    municipality=aarhus,
                )
            )
        OfferFactory(
            organisation=organisation,
            title=f"Livet i havet {index}",
            environments=places,
            subjects=[biology, history] if index % 2 else [biology],
            languages=[danish, english] if index % 4 == 0 else [danish],
            grade_from=Grade.objects.get(slug="3-klasse"),
            grade_to=Grade.objects.get(slug="7-klasse"),
            format="udgaaende" if index % 2 else "paa-stedet",
            service_radius_km=30 if index % 2 else None,
        )
    return count


def test_every_budgeted_url_answers_and_finds_rows(catalogue):
    client = Client(HTTP_ACCEPT="application/json")
    for url in BUDGETS:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])


@pytest.mark.parametrize("url", BUDGETS)
def test_a_list_runs_its_budget_of_queries_whatever_its_length(catalogue, url, django_assert_num_queries):
    client = Client(HTTP_ACCEPT="application/json")
    assert client.get(url).status_code == 200  # loads the reference tables, as a running process has
    with django_assert_num_queries(BUDGETS[url]):
        response = client.get(url)
    assert response.status_code == 200

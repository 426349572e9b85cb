"""The search table (directory.models.OfferPlacement) stays in step with every write path,
and an incremental state always equals a full rebuild."""

import io

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from directory.models import (
    Category,
    Grade,
    LearningEnvironment,
    Offer,
    OfferPlacement,
    OfferText,
    Subject,
    SubjectPlacement,
)
from directory.search.refresh import search_index_refresh
from directory.services.environments import environment_set_pin, environment_update
from directory.services.offers import offer_archive, offer_create, offer_submit, offer_update
from tests.factories import EnvironmentFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "offer_id", "environment_id", "latitude", "longitude", "reach_km", "area_only", "grade_from",
    "grade_to", "format", "price_dkk", "months", "organisation_id", "category_id", "municipality_id",
    "region_id", "title", "sole_place",
]  # fmt: skip


SUBJECT_COLUMNS = [
    "subject_id", "offer_id", "environment_id", "latitude", "longitude", "x", "y", "z", "band", "reach_km",
    "reach_term", "area_only", "grade_from", "grade_to", "format", "price_dkk", "months", "sole_place",
]  # fmt: skip


def rows() -> set[tuple]:
    return set(OfferPlacement.objects.values_list(*COLUMNS))


def subject_rows() -> set[tuple]:
    return set(SubjectPlacement.objects.values_list(*SUBJECT_COLUMNS))


def placements(offer: Offer) -> set[int]:
    return set(OfferPlacement.objects.filter(offer=offer).values_list("environment_id", flat=True))


def level(slug: str) -> int:
    return Grade.objects.get(slug=slug).level


def text_rows() -> set[tuple]:
    from django.db import connection

    from directory.search.text import FTS_TABLE, has_fts

    found = set(OfferText.objects.values_list("offer_id", "document"))
    if connection.vendor == "sqlite" and has_fts():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid, document FROM {FTS_TABLE}")
            assert set(cursor.fetchall()) == found  # the FTS5 copy follows the rows
    return found


def cards() -> dict[int, dict]:
    import orjson

    from directory.models import OfferCard

    # Lists as sets: a card's order is the database's; a page orders the links itself.
    return {
        offer_id: {key: set(values) for key, values in orjson.loads(data).items()}
        for offer_id, data in OfferCard.objects.values_list("offer_id", "data")
    }


def assert_equals_full_rebuild() -> None:
    incremental = rows(), subject_rows(), text_rows(), cards()
    search_index_refresh()
    assert (rows(), subject_rows(), text_rows(), cards()) == incremental
    # Each published offer's card names exactly its links.
    for offer in Offer.objects.published():
        assert cards()[offer.pk] == {
            "subjects": set(offer.subjects.values_list("pk", flat=True)),
            "languages": set(offer.languages.values_list("pk", flat=True)),
            "places": set(offer.environments.values_list("pk", flat=True)),
        }
    assert set(cards()) == set(Offer.objects.published().values_list("pk", flat=True))
    # Each per-subject row is a search row under one of the offer's subjects, and every pair is there.
    expected = {
        (subject_id, offer_id, environment_id)
        for offer_id, environment_id in OfferPlacement.objects.values_list("offer_id", "environment_id")
        for subject_id in Offer.objects.get(pk=offer_id).subjects.values_list("pk", flat=True)
    }
    assert set(SubjectPlacement.objects.values_list("subject_id", "offer_id", "environment_id")) == expected


@pytest.fixture
def museum(db):
    organisation = OrganisationFactory(name="Moesgaard")
    first = EnvironmentFactory(organisation=organisation, name="Hovedbygningen")
    second = EnvironmentFactory(organisation=organisation, name="Skoven", latitude=56.17, longitude=10.19)
    return organisation, first, second


def create_offer(organisation, places, user, **fields) -> Offer:
    return offer_create(
        organisation=organisation,
        user=user,
        title=fields.pop("title", "Vikinger"),
        grade_from=Grade.objects.get(slug="3-klasse"),
        grade_to=Grade.objects.get(slug="6-klasse"),
        subjects=[Subject.objects.get(slug="historie")],
        environments=places,
        **fields,
    )


def test_a_published_offer_gets_one_row_per_active_located_place_with_its_search_columns(museum, coordinator):
    organisation, first, second = museum
    offer = create_offer(organisation, [first, second], coordinator, price_dkk=250)
    assert placements(offer) == {first.pk, second.pk}
    row = OfferPlacement.objects.get(offer=offer, environment=first)
    assert (row.latitude, row.longitude) == (first.latitude, first.longitude)
    assert (row.grade_from, row.grade_to, row.format) == (level("3-klasse"), level("6-klasse"), "paa-stedet")
    assert (row.price_dkk, row.reach_km, row.area_only) == (250, None, False)
    assert (row.category_id, row.municipality_id, row.region_id) == (
        first.category_id,
        first.municipality_id,
        first.region_id,
    )
    assert_equals_full_rebuild()


def test_a_draft_has_no_rows_until_it_is_published(museum, coordinator):
    organisation, first, _ = museum
    offer = create_offer(organisation, [first], coordinator, draft=True)
    assert placements(offer) == set()
    offer_submit(offer=offer, user=coordinator)
    assert placements(offer) == {first.pk}


def test_an_edit_rewrites_the_rows_and_a_relink_moves_them(museum, coordinator):
    organisation, first, second = museum
    offer = create_offer(organisation, [first], coordinator)
    offer_update(
        offer=offer, user=coordinator, grade_to=Grade.objects.get(slug="9-klasse"), title="Jernalder"
    )
    assert OfferPlacement.objects.get(offer=offer).grade_to == level("9-klasse")
    assert OfferPlacement.objects.get(offer=offer).title == "Jernalder"
    offer_update(offer=offer, user=coordinator, environments=[second])
    assert placements(offer) == {second.pk}
    assert_equals_full_rebuild()


def test_an_outreach_offer_with_a_service_area_is_marked_area_only_with_its_radius(
    museum, coordinator, aarhus
):
    organisation, first, _ = museum
    radius = create_offer(
        organisation, [first], coordinator, format=Offer.Format.OUTREACH, service_radius_km=40
    )
    listed = create_offer(
        organisation, [first], coordinator, title="Ud i landet", format=Offer.Format.OUTREACH,
        service_municipalities=[aarhus],
    )  # fmt: skip
    plain = create_offer(
        organisation, [first], coordinator, title="Bare udgående", format=Offer.Format.OUTREACH
    )
    found = {row.offer_id: (row.reach_km, row.area_only) for row in OfferPlacement.objects.all()}
    assert found == {radius.pk: (40, True), listed.pk: (None, True), plain.pk: (None, False)}
    assert max(OfferPlacement.objects.values_list("reach_km", flat=True), key=lambda km: km or 0) == 40


def test_archiving_an_offer_removes_its_rows(museum, coordinator):
    organisation, first, second = museum
    offer = create_offer(organisation, [first, second], coordinator)
    offer_archive(offer=offer, user=coordinator)
    assert placements(offer) == set()
    assert_equals_full_rebuild()


def test_archiving_or_moving_a_place_updates_the_rows_of_every_offer_held_there(museum, coordinator):
    organisation, first, second = museum
    one = create_offer(organisation, [first, second], coordinator)
    two = create_offer(organisation, [first], coordinator, title="Runesten")
    environment_set_pin(environment=second, latitude=56.2, longitude=10.1, user=coordinator)
    assert OfferPlacement.objects.get(offer=one, environment=second).latitude == 56.2
    environment_update(environment=first, user=coordinator, status=LearningEnvironment.Status.ARCHIVED)
    assert placements(one) == {second.pk}
    assert placements(two) == set()
    environment_update(
        environment=second, user=coordinator, category=Category.objects.get(slug="zoo-akvarium")
    )
    assert OfferPlacement.objects.get(offer=one).category.slug == "zoo-akvarium"
    assert_equals_full_rebuild()


def test_deleting_an_offer_or_a_place_deletes_its_rows(museum, coordinator):
    organisation, first, second = museum
    offer = create_offer(organisation, [first, second], coordinator)
    other = create_offer(organisation, [first], coordinator, title="Runesten")
    second.delete()
    assert placements(offer) == {first.pk}
    offer.delete()
    assert set(OfferPlacement.objects.values_list("offer_id", flat=True)) == {other.pk}


def test_an_admin_save_of_an_offer_rewrites_its_rows(client, museum, coordinator):
    organisation, first, second = museum
    offer = create_offer(organisation, [first], coordinator)
    data = {key: value for key, value in model_to_dict(offer).items() if value is not None}
    data.update(
        environments=[second.pk],
        subjects=[subject.pk for subject in offer.subjects.all()],
        languages=[],
        service_municipalities=[],
        published_at_0=offer.published_at.date().isoformat(),
        published_at_1=offer.published_at.time().strftime("%H:%M:%S"),
        grade_to=Grade.objects.get(slug="8-klasse").pk,
    )
    data.pop("published_at", None)
    client.force_login(coordinator)
    response = client.post(reverse("admin:directory_offer_change", args=[offer.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert placements(offer) == {second.pk}
    assert OfferPlacement.objects.get(offer=offer).grade_to == level("8-klasse")
    data["status"] = Offer.Status.DRAFT
    client.post(reverse("admin:directory_offer_change", args=[offer.pk]), data)
    assert placements(offer) == set()
    assert_equals_full_rebuild()


def test_factories_and_direct_writes_are_caught_up_by_a_full_rebuild(museum):
    organisation, first, second = museum
    offer = OfferFactory(organisation=organisation, environments=[first, second])
    assert placements(offer) == {first.pk, second.pk}
    Offer.objects.filter(pk=offer.pk).update(status=Offer.Status.ARCHIVED)  # behind the services' back
    assert placements(offer) == {first.pk, second.pk}
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert placements(offer) == set()
    assert "0 rows (was 2)" in output.getvalue()


def test_each_row_holds_its_place_on_the_unit_sphere_and_its_service_radius_as_a_term(museum):
    import math

    organisation, first, _second = museum
    offer = OfferFactory(
        organisation=organisation, environments=[first], format=Offer.Format.OUTREACH, service_radius_km=40
    )
    search_index_refresh(offer_ids=[offer.pk])
    row = OfferPlacement.objects.get(offer=offer)
    phi, lam = math.radians(first.latitude), math.radians(first.longitude)
    assert (row.x, row.y, row.z) == pytest.approx(
        (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)), abs=1e-12
    )
    assert row.reach_term == pytest.approx(math.sin(40 / (2 * 6371.0088)) ** 2, rel=1e-9)
    per_subject = SubjectPlacement.objects.filter(offer=offer)
    assert per_subject.count() == offer.subjects.count() > 0
    assert {(r.x, r.y, r.z, r.reach_term) for r in per_subject} == {(row.x, row.y, row.z, row.reach_term)}


def test_the_text_rows_hold_each_published_offers_words_and_follow_a_renamed_organisation(museum):
    from directory.services.organisations import organisation_update

    organisation, first, _second = museum
    draft = OfferFactory(organisation=organisation, environments=[first], status=Offer.Status.DRAFT)
    offer = OfferFactory(
        organisation=organisation, environments=[], title="Jernalderens landsby", summary="Byg et hus"
    )  # no place: a digital offer is found by its words too
    search_index_refresh(offer_ids=[draft.pk, offer.pk])
    assert not OfferText.objects.filter(offer=draft).exists()  # a draft is not searched
    document = OfferText.objects.get(offer=offer).document
    assert "Jernalderens landsby" in document and "Byg et hus" in document and "Moesgaard" in document
    organisation_update(organisation=organisation, name="Moesgaard Museum")
    assert "Moesgaard Museum" in OfferText.objects.get(offer=offer).document
    assert_equals_full_rebuild()


def test_a_row_is_marked_sole_place_exactly_while_it_is_its_offers_only_row(museum, coordinator):
    """A count of sole rows needs no DISTINCT (directory/search/reach.py), so a row marked
    sole while its offer has another would count the offer twice."""
    from django.http import QueryDict

    from directory.search.forms import OfferSearchForm
    from directory.search.offers import offer_search

    organisation, first, second = museum
    environment_update(environment=second, user=coordinator, status=LearningEnvironment.Status.ARCHIVED)
    offer = create_offer(organisation, [first, second], coordinator)
    lone = create_offer(organisation, [first], coordinator, title="Runesten")

    def sole() -> dict[tuple[int, int], bool]:
        marks: dict[tuple[int, int], bool] = {}
        for model in (OfferPlacement, SubjectPlacement):
            for offer_id, place_id, mark in model.objects.values_list(
                "offer_id", "environment_id", "sole_place"
            ):
                marks.setdefault((offer_id, place_id), mark)
                assert marks[(offer_id, place_id)] == mark  # both tables agree
        return marks

    assert sole() == {(offer.pk, first.pk): True, (lone.pk, first.pk): True}
    # The place opens again: the offer gains a row there, and its row at the first place is no
    # longer its only one, though only the second place was refreshed.
    environment_update(environment=second, user=coordinator, status=LearningEnvironment.Status.ACTIVE)
    assert sole() == {(offer.pk, first.pk): False, (offer.pk, second.pk): False, (lone.pk, first.pk): True}
    form = OfferSearchForm(QueryDict(f"near={first.latitude},{first.longitude}&radius=30&subject=historie"))
    assert form.is_valid(), form.errors
    result = offer_search(params=form.cleaned_data)
    assert result.count == 2 == len(list(result.offers))
    environment_update(environment=second, user=coordinator, status=LearningEnvironment.Status.ARCHIVED)
    assert sole() == {(offer.pk, first.pk): True, (lone.pk, first.pk): True}
    assert_equals_full_rebuild()

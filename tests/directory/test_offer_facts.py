"""The richer offer: duration ranges or days, prices in parts, group rules, requirements, keywords and
learning goals — held by database constraints, shown on the offer page, edited in the member form."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from directory.models import Offer, Subject
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_minutes": 90, "duration_max_minutes": 60},
        {"duration_max_minutes": 60},
        {"duration_days": 2, "duration_minutes": 60},
        {"duration_days": 0},
        {"min_participants": 30, "max_participants": 20},
        {"max_classes": 0},
        {"adults_per_group": 0},
        {"price_kind": Offer.PriceKind.FREE, "price_dkk": Decimal("100")},
        {"price_kind": Offer.PriceKind.UNKNOWN, "price_dkk": Decimal("50")},
        {"price_kind": Offer.PriceKind.FREE, "price_unit": Offer.PriceUnit.PUPIL},
    ],
    ids=["duration backwards", "max without min", "days and minutes", "zero days", "participants backwards",
         "no classes", "no adults", "free with a price", "unknown with a price", "free per pupil"],
)  # fmt: skip
def test_the_database_refuses_an_offer_whose_facts_contradict_each_other(fields):
    offer = factories.OfferFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(**fields)


def test_free_unknown_and_free_for_own_schools_are_distinct_cases():
    assert factories.OfferFactory(price_kind=Offer.PriceKind.FREE).is_free
    assert not factories.OfferFactory(price_kind=Offer.PriceKind.UNKNOWN).is_free
    assert not factories.OfferFactory(price_kind=Offer.PriceKind.FREE_LOCAL, price_dkk=500).is_free
    assert factories.OfferFactory(
        price_kind=Offer.PriceKind.AMOUNT, price_dkk=0
    ).is_free  # as before the kinds


def test_the_offer_page_shows_the_richer_facts_with_provider_text_escaped(client):
    nasty = '<script>alert("x")</script>'
    offer = factories.OfferFactory(
        duration_minutes=120, duration_max_minutes=180, min_participants=15, max_participants=28, max_classes=1,
        adults_per_group=2, price_kind=Offer.PriceKind.AMOUNT, price_dkk=50, price_unit=Offer.PriceUnit.PUPIL,
        learning_goals=f"Eleverne kan forklare fødekæder {nasty}", requirements="Klassen har læst om havet.",
        keywords="hajer, fødekæder", period_note="tirsdag og torsdag kl. 9-12",
    )  # fmt: skip
    page = client.get(offer.get_absolute_url()).content.decode()
    for text in ("2–3 timer", "50 kr. pr. elev", "15–28 elever · højst 1 klasse · 2 voksne med",
                 "Eleverne kan forklare fødekæder", "Klassen har læst om havet.", "hajer, fødekæder",
                 "tirsdag og torsdag kl. 9-12"):  # fmt: skip
        assert text in page, text
    assert nasty not in page and "&lt;script&gt;" in page
    assert '"teaches": "Eleverne kan forklare fødekæder \\u003cscript\\u003e' in page  # JSON-LD, escaped


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"duration_days": 2}, "2 dage"),
        ({"duration_minutes": 45}, "45 minutter"),
        ({"price_kind": Offer.PriceKind.UNKNOWN}, "Pris ikke oplyst"),
        ({"price_kind": Offer.PriceKind.FREE_LOCAL, "price_dkk": 500, "price_unit": "klasse"},
         "Gratis for kommunens egne skoler, ellers 500 kr. pr. klasse"),
        ({"price_kind": Offer.PriceKind.FREE}, "Gratis"),
    ],
)  # fmt: skip
def test_durations_and_prices_read_as_a_teacher_would_say_them(client, fields, shown):
    offer = factories.OfferFactory(**fields)
    assert shown in client.get(offer.get_absolute_url()).content.decode()


def test_a_member_sets_the_new_facts_in_the_offer_form(client):
    from network.models import Membership

    offer = factories.OfferFactory(status=Offer.Status.DRAFT)
    editor = factories.UserFactory()
    Membership.objects.create(user=editor, organisation=offer.organisation, role=Membership.Role.EDITOR)
    client.force_login(editor)
    url = reverse("members:offer_edit", args=[offer.pk])
    form_page = client.get(url).content.decode()
    for name in ("duration_max_minutes", "duration_days", "price_kind", "price_unit", "min_participants",
                 "max_classes", "adults_per_group", "requirements", "learning_goals", "keywords", "period_note"):  # fmt: skip
        assert f'name="{name}"' in form_page, name
    response = client.post(
        url,
        {
            "title": offer.title, "subjects": [Subject.objects.get(slug="biologi").pk], "grade_from": 5,
            "grade_to": 8, "format": Offer.Format.LOAN, "months": ["9", "10"], "duration_days": "2",
            "price_kind": Offer.PriceKind.FREE_LOCAL, "price_dkk": "400", "price_unit": "klasse",
            "min_participants": "10", "max_participants": "28", "adults_per_group": "2",
            "learning_goals": "Fælles Mål: undersøgelse", "requirements": "Forberedelse 1 lektion",
            "keywords": "insekter, kasse", "version": offer.version,
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    offer.refresh_from_db()
    assert (offer.format, offer.duration_days, offer.price_kind, offer.price_dkk, offer.price_unit) == (
        Offer.Format.LOAN,
        2,
        Offer.PriceKind.FREE_LOCAL,
        400,
        "klasse",
    )
    assert (offer.min_participants, offer.max_participants, offer.adults_per_group) == (10, 28, 2)
    assert offer.keyword_list == ["insekter", "kasse"]


def test_the_member_form_says_next_to_the_field_when_facts_contradict(client):
    from network.models import Membership

    offer = factories.OfferFactory(status=Offer.Status.DRAFT)
    editor = factories.UserFactory()
    Membership.objects.create(user=editor, organisation=offer.organisation, role=Membership.Role.EDITOR)
    client.force_login(editor)
    response = client.post(
        reverse("members:offer_edit", args=[offer.pk]),
        {
            "title": offer.title, "subjects": [Subject.objects.get(slug="biologi").pk], "grade_from": 5,
            "grade_to": 8, "format": Offer.Format.ON_SITE, "months": ["9"], "duration_minutes": "90",
            "duration_max_minutes": "60", "price_kind": Offer.PriceKind.FREE, "price_dkk": "0",
            "version": offer.version,
        },
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert "Den længste varighed kan ikke være kortere end den korteste." in response.content.decode()


def test_the_richer_facts_read_in_english_under_en(client):
    offer = factories.OfferFactory(
        duration_days=2, price_kind=Offer.PriceKind.AMOUNT, price_dkk=50, price_unit=Offer.PriceUnit.PUPIL,
        max_participants=28, max_classes=1, learning_goals="Mål", requirements="Krav",
    )  # fmt: skip
    page = client.get(f"/en{offer.get_absolute_url()}").content.decode()
    for text in (
        "2 days",
        "per pupil",
        "at most 28 pupils · at most 1 class",
        "Learning goals",
        "Requirements on",
    ):
        assert text in page, text

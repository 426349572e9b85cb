"""The member pages as a browser-less client sees them: login, forms, errors, escaping."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Category, Grade, Offer, Subject
from directory.services import offers as offer_services
from network import services

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-hest-batteri-42"


def test_a_member_logs_in_with_email_and_lands_on_the_dashboard(client, editor_of_zoo, zoo):
    response = client.post(reverse("members:login"), {"username": editor_of_zoo.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("members:dashboard")
    dashboard = client.get(reverse("members:dashboard"))
    assert zoo.name in dashboard.content.decode()


def test_login_is_locked_after_repeated_wrong_passwords(client, settings, editor_of_zoo):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("members:login")
    for _attempt in range(3):
        client.post(url, {"username": editor_of_zoo.email, "password": "gæt"})
    locked = client.post(url, {"username": editor_of_zoo.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "For mange forkerte forsøg" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_form_requires_csrf(editor_of_zoo):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("members:login"), {"username": editor_of_zoo.email, "password": PASSWORD})
    assert response.status_code == 403


def test_a_password_reset_mail_links_to_the_reset_page(client, editor_of_zoo):
    client.post(reverse("members:password_reset"), {"email": editor_of_zoo.email})
    assert len(mail.outbox) == 1
    assert "/medlem/adgangskode/" in mail.outbox[0].body


def test_a_backwards_grade_range_shows_the_error_next_to_the_field(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    response = client.post(
        reverse("members:offer_add", args=[zoo.slug]),
        {
            "title": "Baglæns",
            "subjects": [Subject.objects.get(slug="biologi").pk],
            "grade_from": 9,
            "grade_to": 3,
            "format": "paa-stedet",
            "price_dkk": "0",
            "months": ["1"],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_grade_to-error"' in page
    assert not zoo.offers.exists()


def test_a_missing_subject_and_month_are_named_next_to_their_fields(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    response = client.post(
        reverse("members:offer_add", args=[zoo.slug]), {"title": "Uden fag", "grade_from": 3}
    )
    page = response.content.decode()
    for field in ("subjects", "grade_to", "months"):
        assert f'id="id_{field}-error"' in page, field


def test_a_member_edits_an_offer_through_the_form(client, editor_of_zoo, zoo, zoo_draft):
    client.force_login(editor_of_zoo)
    response = client.post(
        reverse("members:offer_edit", args=[zoo_draft.pk]),
        {
            "title": "Zooens nye titel",
            "subjects": [Subject.objects.get(slug="geografi").pk],
            "grade_from": 5,
            "grade_to": 8,
            "format": "udgaaende",
            "service_radius_km": "30",
            "price_dkk": "100",
            "months": ["5", "6"],
        },
    )
    assert response.status_code == 302
    zoo_draft.refresh_from_db()
    assert zoo_draft.title == "Zooens nye titel" and zoo_draft.month_list == [5, 6]
    assert zoo_draft.history.first().history_user == editor_of_zoo


def test_provider_text_is_escaped_on_every_member_page(client, coordinator, editor_of_outsider, outsider_org):
    nasty = '<script>alert("x")</script>'
    offer = offer_services.offer_create(
        organisation=outsider_org,
        user=editor_of_outsider,
        title=f"Tilbud {nasty}",
        grade_from=Grade.objects.get(slug="1-klasse"),
        grade_to=Grade.objects.get(slug="2-klasse"),
        subjects=[Subject.objects.get(slug="biologi")],
    )
    offer_services.offer_approve(offer=offer, user=coordinator)
    offer_services.offer_update(offer=offer, user=editor_of_outsider, summary=nasty)
    client.force_login(coordinator)
    for url in (
        reverse("members:moderation"),
        reverse("members:organisation", args=[outsider_org.slug]),
        reverse("members:offer_history", args=[offer.pk]),
        reverse("members:offer_edit", args=[offer.pk]),
    ):
        page = client.get(url).content.decode()
        assert nasty not in page, url
        assert "&lt;script&gt;" in page, url


def test_a_coordinator_approves_from_the_queue(client, coordinator, editor_of_outsider, outsider_org):
    offer = offer_services.offer_create(
        organisation=outsider_org,
        user=editor_of_outsider,
        title="Markens dyr",
        grade_from=Grade.objects.get(slug="1-klasse"),
        grade_to=Grade.objects.get(slug="2-klasse"),
        subjects=[Subject.objects.get(slug="biologi")],
    )
    client.force_login(coordinator)
    assert "Markens dyr" in client.get(reverse("members:moderation")).content.decode()
    client.post(reverse("members:moderation_approve", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PUBLISHED


def test_a_rejection_needs_a_reason(client, coordinator, editor_of_outsider, outsider_org):
    offer = offer_services.offer_create(
        organisation=outsider_org,
        user=editor_of_outsider,
        title="Markens dyr",
        grade_from=Grade.objects.get(slug="1-klasse"),
        grade_to=Grade.objects.get(slug="2-klasse"),
        subjects=[Subject.objects.get(slug="biologi")],
    )
    client.force_login(coordinator)
    client.post(reverse("members:moderation_reject", args=[offer.pk]), {"reason": ""})
    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_an_invited_person_sets_a_password_and_joins(
    client, zoo, admin_of_zoo, django_capture_on_commit_callbacks
):
    client.force_login(admin_of_zoo)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:people", args=[zoo.slug]), {"email": "ny@zoo.dk", "role": "editor"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/medlem/invitation/" in line)
    path = link[link.index("/medlem/") :]
    client.logout()
    weak = client.post(path, {"password1": "123", "password2": "123"})
    assert weak.status_code == 200 and 'id="id_password1-error"' in weak.content.decode()
    joined = client.post(
        path, {"first_name": "Ny", "password1": "solsikke-elefant-17", "password2": "solsikke-elefant-17"}
    )
    assert joined.status_code == 302
    assert zoo.memberships.filter(user__email="ny@zoo.dk").exists()
    again = client.get(path)
    assert again.status_code == 410


def test_a_place_whose_address_cannot_be_found_shows_the_error_at_the_address(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    response = client.post(
        reverse("members:environment_add", args=[zoo.slug]),
        {
            "name": "Ingensteds",
            "category": Category.objects.get(slug="zoo-akvarium").pk,
            "street_address": "Ingenvej 1",
            "postcode": "9999",
            "city": "Ingenby",
        },
    )
    assert response.status_code == 200
    assert 'id="id_street_address-error"' in response.content.decode()
    assert not zoo.environments.exists()


def test_moving_the_pin_saves_a_manual_locked_position(client, editor_of_zoo, zoo, zoo_place):
    client.force_login(editor_of_zoo)
    form = {
        "name": zoo_place.name,
        "category": zoo_place.category_id,
        "street_address": zoo_place.street_address,
        "postcode": zoo_place.postcode,
        "city": zoo_place.city,
        "latitude": "56.100000",
        "longitude": "10.200000",
    }
    response = client.post(reverse("members:environment_edit", args=[zoo_place.pk]), form)
    assert response.status_code == 302
    zoo_place.refresh_from_db()
    assert (zoo_place.latitude, zoo_place.longitude) == (56.1, 10.2)
    assert zoo_place.coordinates_locked and zoo_place.coordinate_precision == "manual"


def test_the_municipality_page_shows_coverage_gaps(client, municipality_admin, zoo, zoo_place):
    from tests import factories

    factories.OfferFactory(organisation=zoo, environments=[zoo_place])  # biologi, 3.–6. klasse
    client.force_login(municipality_admin)
    response = client.get(reverse("members:municipality", args=[751]))
    table = response.context["coverage"]
    biology = next(counts for subject, counts in table.rows if subject.slug == "biologi")
    levels = [grade.level for grade in table.grades]
    assert biology[levels.index(5)] == 1 and biology[levels.index(0)] == 0
    assert table.gaps > 0


def test_invitation_services_are_reachable_from_the_people_page(client, admin_of_zoo, zoo):
    client.force_login(admin_of_zoo)
    response = client.post(
        reverse("members:people", args=[zoo.slug]), {"email": admin_of_zoo.email, "role": "editor"}
    )
    assert response.status_code == 200
    assert "allerede med" in response.content.decode()
    assert services.Invitation.objects.count() == 0


def test_coverage_counts_outreach_offers_reaching_the_municipality_by_radius(
    client, municipality_admin, museum
):
    from maps.models import Municipality
    from tests import factories

    skanderborg = Municipality.objects.get(code=746)
    place = factories.EnvironmentFactory(
        organisation=museum,
        municipality=skanderborg,
        latitude=skanderborg.latitude,
        longitude=skanderborg.longitude,
    )
    offer = factories.OfferFactory(
        organisation=museum,
        title="Fortiden på hjul",
        format="udgaaende",
        service_radius_km=60,
        environments=[place],
    )  # biologi, 3.–6. klasse
    client.force_login(municipality_admin)
    response = client.get(reverse("members:municipality", args=[751]))
    assert offer in response.context["offers"]
    biology = next(
        counts for subject, counts in response.context["coverage"].rows if subject.slug == "biologi"
    )
    levels = [grade.level for grade in response.context["coverage"].grades]
    assert biology[levels.index(5)] == 1
    assert "Fortiden på hjul" in response.content.decode()

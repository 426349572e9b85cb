"""The member offer form for a museum's editor (issue 15): an on-site offer needs a place, a new
offer ticks no months, the unclear fields explain themselves, the error banner lists every
error with a link to its field, and the booking box falls back to the organisation's contacts."""

import re

import pytest
from django.urls import reverse

from directory.models import Offer, Subject
from tests import factories

pytestmark = pytest.mark.django_db


def offer_post(**overrides):
    data = {
        "title": "Pingviner",
        "subjects": [Subject.objects.get(slug="biologi").pk],
        "grade_from": 3,
        "grade_to": 6,
        "format": Offer.Format.ON_SITE,
        "price_dkk": "0",
        "months": ["3"],
    }
    return data | overrides


def test_an_on_site_offer_without_a_place_is_refused_at_the_places_field(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    response = client.post(reverse("members:offer_add", args=[zoo.slug]), offer_post())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_environments-error"' in page and "mindst ét sted" in page
    assert not zoo.offers.exists()


def test_an_on_site_offer_with_a_place_and_a_digital_one_without_are_saved(
    client, editor_of_zoo, zoo, zoo_place
):
    client.force_login(editor_of_zoo)
    url = reverse("members:offer_add", args=[zoo.slug])
    assert client.post(url, offer_post(environments=[zoo_place.pk])).status_code == 302
    assert client.post(url, offer_post(title="Online", format=Offer.Format.DIGITAL)).status_code == 302
    assert zoo.offers.count() == 2


def test_a_new_offer_starts_with_no_month_ticked_and_explains_radius_and_external_id(
    client, editor_of_zoo, zoo
):
    client.force_login(editor_of_zoo)
    page = client.get(reverse("members:offer_add", args=[zoo.slug])).content.decode()
    month_boxes = re.findall(r'<input type="checkbox" name="months"[^>]*>', page)
    assert len(month_boxes) == 12
    assert not any("checked" in box for box in month_boxes)
    assert "hvor langt I kører ud til skoler" in page
    assert "Jeres eget id for tilbuddet" in page


def test_an_edited_offer_keeps_its_months_ticked(client, editor_of_zoo, zoo_draft):
    client.force_login(editor_of_zoo)
    page = client.get(reverse("members:offer_edit", args=[zoo_draft.pk])).content.decode()
    month_boxes = re.findall(r'<input type="checkbox" name="months"[^>]*>', page)
    assert sum("checked" in box for box in month_boxes) == len(zoo_draft.month_list)


def test_the_error_banner_lists_each_error_with_a_link_to_its_field(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    response = client.post(
        reverse("members:offer_add", args=[zoo.slug]), {"title": "Uden fag", "grade_from": 3}
    )
    page = response.content.decode()
    banner = re.search(r'<div class="error-summary".*?</div>', page, re.S).group(0)
    links = re.findall(r'<a href="#(id_[a-z_0-9]+)">', banner)
    assert {"id_grade_to", "id_subjects", "id_months"} <= set(links), links
    for target in links:  # every link lands on an element of the form
        assert f'id="{target}"' in page, target


def test_the_booking_box_falls_back_to_the_organisations_email_and_phone(client):
    organisation = factories.OrganisationFactory(email="skole@zoo.dk", phone="+45 87 13 08 00")
    offer = factories.OfferFactory(
        organisation=organisation, booking_email="", booking_phone="", booking_url=""
    )
    page = client.get(offer.get_absolute_url()).content.decode()
    booking = re.search(r'<aside aria-labelledby="booking-heading">.*?</aside>', page, re.S).group(0)
    assert 'href="mailto:skole@zoo.dk"' in booking
    assert 'href="tel:+4587130800"' in booking


def test_the_dashboard_is_called_what_the_menu_calls_it(client, editor_of_zoo, zoo):
    client.force_login(editor_of_zoo)
    page = client.get(reverse("members:dashboard")).content.decode()
    menu_name = re.search(r'<li><a href="/medlem/">([^<]+)</a></li>', page).group(1)
    assert f"<h1>{menu_name}</h1>" in page

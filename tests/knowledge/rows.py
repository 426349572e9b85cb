"""One row of every knowledge-centre model, for tests that walk the whole admin (tests/directory/test_admin.py)."""

from django.utils import timezone

from network.events.models import Registration
from network.knowledge.models import AnnualReport, Article, Partnership, PressContact, PressMaterial
from tests.events.factories import EventFactory, RegistrationFactory


def knowledge_rows(organisation, place) -> None:
    event = EventFactory(
        title="Temadag for admin", slug="temadag-for-admin", organiser=organisation, venue=place
    )
    RegistrationFactory(
        event=event, name="Lise Lærer", email="lise@skole.dk", status=Registration.Status.CONFIRMED
    )
    Article.objects.create(title="En nyhed", slug="en-nyhed", is_published=True, published_at=timezone.now())
    PressContact.objects.create(name="Pia Presse", email="presse@netvaerk.dk")
    PressMaterial.objects.create(title="Logo", file="press/logo.png")
    AnnualReport.objects.create(year=2025, title="Årsrapport 2025", pdf="annual-reports/2025.pdf")
    Partnership.objects.create(organisation=organisation, since=2020)

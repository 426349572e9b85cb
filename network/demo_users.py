"""Demo logins for each role, so a newcomer can try the members' pages after `make run`.

Only on the embedded default (DEBUG on, the SQLite file): the passwords are printed and
written in the README, so they must never exist on a real site.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from network.models import Membership, User


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    organisation_slug: str | None  # None for the coordinator, who sees every organisation
    membership_role: str | None

    @property
    def description(self) -> str:
        return str(ROLE_NAMES[self.role])


ROLE_NAMES = {
    "coordinator": _("koordinator (hele netværket, godkendelser, /admin/)"),
    "municipality_admin": _("kommuneadministrator (Åben Skole Aarhus og kommunens dækning)"),
    "organisation_admin": _("organisationsadministrator (Moesgaard Museum: tilbud, steder og personer)"),
    "editor": _("redaktør (Den Gamle By: tilbud og steder)"),
}
DEMO_LOGINS = [
    DemoLogin("coordinator", "koordinator@laeringsmiljoer.dk", "demo-koordinator-2025", None, None),
    DemoLogin(
        "municipality_admin", "kommune@laeringsmiljoer.dk", "demo-kommune-2025", "aaben-skole-aarhus", "admin"
    ),
    DemoLogin(
        "organisation_admin", "admin@laeringsmiljoer.dk", "demo-admin-2025", "moesgaard-museum", "admin"
    ),
    DemoLogin("editor", "redaktoer@laeringsmiljoer.dk", "demo-redaktoer-2025", "den-gamle-by", "editor"),
]


def demo_logins_allowed() -> bool:
    """Debug mode on the embedded SQLite database: a laptop, never a served site."""
    return bool(settings.DEBUG) and connection.vendor == "sqlite"


@transaction.atomic
def demo_logins_create() -> list[DemoLogin]:
    """Create (or reset) one user per role, with memberships in the demo organisations.
    Idempotent; organisations missing from the database are skipped with their login."""
    if not demo_logins_allowed():
        raise PermissionError("Demo logins exist only with DEBUG on and the embedded SQLite database.")
    created = []
    for login in DEMO_LOGINS:
        organisation = None
        if login.organisation_slug:
            organisation = Organisation.objects.filter(slug=login.organisation_slug).first()
            if organisation is None:
                continue
        user = User.objects.filter(email=login.email).first() or User(email=login.email)
        user.first_name, user.last_name = "Demo", str(login.role).replace("_", " ").title()
        user.is_staff = user.is_superuser = login.role == "coordinator"
        user.set_password(login.password)
        user.save()
        if organisation is not None:
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": login.membership_role}
            )
        created.append(login)
    return created

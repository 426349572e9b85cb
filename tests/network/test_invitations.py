from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from network import services
from network.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db(transaction=False)


def _invite(zoo, admin_of_zoo, django_capture_on_commit_callbacks, role=Membership.Role.EDITOR):
    with django_capture_on_commit_callbacks(execute=True):
        return services.membership_invite(
            organisation=zoo, email="Ny.Kollega@Zoo.dk", role=role, invited_by=admin_of_zoo
        )


def test_an_invitation_is_mailed_with_a_link_that_lets_a_new_person_join(
    zoo, admin_of_zoo, django_capture_on_commit_callbacks
):
    invitation, token = _invite(zoo, admin_of_zoo, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ny.kollega@zoo.dk"]
    assert services.invitation_url(token) in mail.outbox[0].body
    assert token not in invitation.token_hash  # only the hash is stored

    membership = services.invitation_accept(token=token, password="solsikke-elefant-17", first_name="Ny")
    assert membership.organisation == zoo and membership.role == Membership.Role.EDITOR
    assert User.objects.get(email="ny.kollega@zoo.dk").check_password("solsikke-elefant-17")


def test_an_invitation_link_works_only_once(zoo, admin_of_zoo, django_capture_on_commit_callbacks):
    _, token = _invite(zoo, admin_of_zoo, django_capture_on_commit_callbacks)
    services.invitation_accept(token=token, password="solsikke-elefant-17")
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, password="en-anden-kode-99")
    assert error.value.code == "used"


def test_an_expired_invitation_is_refused(zoo, admin_of_zoo, django_capture_on_commit_callbacks):
    invitation, token = _invite(zoo, admin_of_zoo, django_capture_on_commit_callbacks)
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=now - timedelta(days=15), expires_at=now - timedelta(seconds=1)
    )
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, password="solsikke-elefant-17")
    assert error.value.code == "expired"
    assert not User.objects.filter(email="ny.kollega@zoo.dk").exists()


def test_a_made_up_token_is_refused():
    with pytest.raises(ValidationError) as error:
        services.invitation_for_token("ikke-et-rigtigt-token")
    assert error.value.code == "invalid"


def test_a_weak_password_is_refused_by_djangos_validators(
    zoo, admin_of_zoo, django_capture_on_commit_callbacks
):
    _, token = _invite(zoo, admin_of_zoo, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, password="12345678")
    assert "password1" in error.value.message_dict
    services.invitation_for_token(token)  # still usable after the refusal


def test_an_existing_account_must_be_logged_in_to_accept(
    zoo, admin_of_zoo, editor_of_museum, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, token = services.membership_invite(
            organisation=zoo,
            email=editor_of_museum.email,
            role=Membership.Role.ADMIN,
            invited_by=admin_of_zoo,
        )
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, user=admin_of_zoo)
    assert error.value.code == "login_required"
    membership = services.invitation_accept(token=token, user=editor_of_museum)
    assert membership.role == Membership.Role.ADMIN
    assert editor_of_museum.memberships.count() == 2


def test_inviting_someone_already_in_the_organisation_is_refused(zoo, admin_of_zoo, editor_of_zoo):
    with pytest.raises(ValidationError) as error:
        services.membership_invite(
            organisation=zoo, email=editor_of_zoo.email, role="editor", invited_by=admin_of_zoo
        )
    assert "email" in error.value.message_dict


def test_the_last_admin_cannot_be_removed_or_demoted(zoo, admin_of_zoo):
    membership = admin_of_zoo.memberships.get()
    with pytest.raises(ValidationError):
        services.membership_remove(membership=membership)
    with pytest.raises(ValidationError):
        services.membership_set_role(membership=membership, role=Membership.Role.EDITOR)

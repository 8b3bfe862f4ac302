import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from ieum.accounts import domain
from ieum.accounts.enums import Role
from ieum.accounts.models import Invitation, Membership, User
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.worker import run_worker


@pytest.fixture
def company_admin(db):
    return MembershipFactory(is_admin=True)


@pytest.mark.django_db(transaction=True)
def test_organization_admin_invites_and_the_invitee_joins(client, company_admin):
    organization = company_admin.organization
    client.force_login(company_admin.user)
    response = client.post(
        f"/directory/o/{organization.slug}/invite/",
        {"email": "New.Hire@BioAngel.kr", "role": Role.COMPANY_MEMBER},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.hire@bioangel.kr"
    # The worker sends the e-mail, not the request.
    assert mail.outbox == []
    run_worker()
    [message] = mail.outbox
    assert message.to == ["new.hire@bioangel.kr"]
    assert invitation.token in message.body
    client.logout()
    response = client.post(
        f"/accounts/invitations/{invitation.token}/",
        {
            "full_name": "김신입",
            "password": "a-Strong-pass-2025",
            "password_again": "a-Strong-pass-2025",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.hire@bioangel.kr")
    assert Membership.objects.filter(
        user=user, organization=organization, role=Role.COMPANY_MEMBER
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # The link is used up.
    assert client.get(f"/accounts/invitations/{invitation.token}/").status_code == 404


@pytest.mark.django_db
def test_a_role_the_organization_cannot_give_is_refused(company_admin):
    with pytest.raises(ValidationError):
        domain.invite_member(
            actor=company_admin.user,
            organization=company_admin.organization,
            email="x@y.kr",
            role=Role.PLATFORM_ADMIN,
        )
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_members_who_are_not_admins_cannot_invite(client):
    membership = MembershipFactory(is_admin=False)
    with pytest.raises(PermissionDenied):
        domain.invite_member(
            actor=membership.user,
            organization=membership.organization,
            email="x@y.kr",
            role=Role.COMPANY_MEMBER,
        )
    client.force_login(membership.user)
    response = client.get(f"/directory/o/{membership.organization.slug}/invite/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_second_open_invitation_for_the_same_role_is_refused(company_admin):
    args = {
        "actor": company_admin.user,
        "organization": company_admin.organization,
        "email": "dup@bioangel.kr",
        "role": Role.COMPANY_MEMBER,
    }
    domain.invite_member(**args)
    with pytest.raises(ValidationError):
        domain.invite_member(**{**args, "email": "DUP@bioangel.kr"})
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_invitation_for_someone_else_cannot_be_taken(company_admin):
    invitation = domain.invite_member(
        actor=company_admin.user,
        organization=company_admin.organization,
        email="right@bioangel.kr",
        role=Role.COMPANY_MEMBER,
    )
    intruder = UserFactory(email="wrong@bioangel.kr")
    with pytest.raises(ValidationError):
        domain.accept_invitation(token=invitation.token, user=intruder)
    assert not Membership.objects.filter(user=intruder).exists()


@pytest.mark.django_db(transaction=True)
def test_racing_acceptances_of_one_invitation_give_one_membership():
    organization = CompanyFactory()
    admin = MembershipFactory(organization=organization, is_admin=True).user
    invitation = domain.invite_member(
        actor=admin, organization=organization, email="racer@bioangel.kr", role=Role.COMPANY_MEMBER
    )
    user = UserFactory(email="racer@bioangel.kr")
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def accept():
        try:
            start.wait()
            domain.accept_invitation(token=invitation.token, user=user)
            outcomes.append("joined")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["joined", "refused", "refused", "refused"]
    assert Membership.objects.filter(user=user, organization=organization).count() == 1


@pytest.mark.django_db
def test_invitation_form_with_a_bad_address_shows_an_error_and_sends_nothing(client, company_admin):
    client.force_login(company_admin.user)
    response = client.post(
        f"/directory/o/{company_admin.organization.slug}/invite/",
        {"email": "not-an-address", "role": Role.COMPANY_MEMBER},
    )
    assert response.status_code == 200
    assert "유효한 이메일 주소를 입력하세요" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []

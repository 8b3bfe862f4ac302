import re

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_and_logout(client):
    user = UserFactory(email="founder@bioangel.kr")
    response = client.post(
        "/accounts/login/", {"username": "Founder@BioAngel.kr", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_wrong_password_gives_a_translated_message(client):
    UserFactory(email="founder@bioangel.kr")
    response = client.post(
        "/accounts/login/", {"username": "founder@bioangel.kr", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "비밀번호" in response.content.decode()


def test_login_attempts_are_rate_limited(client, settings):
    UserFactory(email="target@bioangel.kr")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "target@bioangel.kr", "password": "x"})
    # Even the right password is refused while the lockout lasts.
    response = client.post(
        "/accounts/login/", {"username": "target@bioangel.kr", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    user = UserFactory(email="reset@bioangel.kr")
    client.post("/accounts/password-reset/", {"email": "reset@bioangel.kr"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "a-new-Pa55word!", "new_password2": "a-new-Pa55word!"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-Pa55word!")


def test_password_reset_for_unknown_address_sends_nothing(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@nowhere.kr"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_my_account_lists_memberships_and_makes_an_api_token(client):
    from tests.factories import MembershipFactory

    membership = MembershipFactory()
    client.force_login(membership.user)
    html = client.get("/accounts/me/").content.decode()
    assert membership.organization.name_ko in html
    client.post("/accounts/me/token/")
    from rest_framework.authtoken.models import Token

    assert Token.objects.filter(user=membership.user).exists()

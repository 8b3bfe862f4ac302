import re

import pytest


@pytest.mark.django_db
def test_korean_is_the_default_whatever_the_browser_asks(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "ko"
    assert "디렉터리" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_gives_english_pages(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/directory/"})
    assert response.status_code == 302
    page = client.get("/directory/")
    assert page["Content-Language"] == "en"
    assert "Directory of the network" in page.content.decode()


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/directory/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # Every asset is served from the site itself: no address of another host. (A bare
    # "cdn" would also match random tokens such as the CSRF token.)
    assert not re.search(r'(src|href)="(https?:)?//', response.content.decode())

"""The interface speaks zh-hans unless the user switches; friendly error pages, no traceback."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

LOGIN_BUTTON_ZH = 'type="submit">登录</button>'
LOGIN_BUTTON_EN = 'type="submit">Log in</button>'


@pytest.fixture
def client():
    """A browser that has not chosen a language: the default is the point of these tests."""
    return Client()


def login_page(client, **headers):
    response = client.get(reverse("access:login"), **headers)
    assert response.status_code == 200
    return response


def switch_language(client, language):
    response = client.post(reverse("web:set_language"),
                           {"language": language, "next": reverse("access:login")})
    assert response.status_code == 302
    assert response["Location"] == reverse("access:login")
    return response


def test_zh_hans_by_default_even_when_the_browser_asks_for_english(client):
    response = login_page(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    content = response.content.decode()
    assert LOGIN_BUTTON_ZH in content
    assert LOGIN_BUTTON_EN not in content
    assert '<html lang="zh-hans">' in content
    assert response["Content-Language"] == "zh-hans"


def test_the_switch_turns_the_interface_to_english_and_back(client):
    switch_language(client, "en")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    content = login_page(client).content.decode()
    assert LOGIN_BUTTON_EN in content
    assert '<html lang="en">' in content

    switch_language(client, "zh-hans")
    content = login_page(client, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert LOGIN_BUTTON_ZH in content


def test_an_unknown_language_in_the_cookie_falls_back_to_zh_hans(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert LOGIN_BUTTON_ZH in login_page(client).content.decode()


def test_the_switch_takes_only_post(client):
    assert client.get(reverse("web:set_language"), {"language": "en"}).status_code == 405


@pytest.mark.parametrize("logged_in", [False, True])
def test_an_unknown_url_gets_the_friendly_404_page(client, settings, district, logged_in):
    settings.DEBUG = False
    if logged_in:
        client.force_login(district.users["office"])
    response = client.get("/no-such-page/at-all/")
    assert response.status_code == 404
    assert "web/error.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert "页面不存在" in content  # the title, translated
    for leak in ("Traceback", "Page not found at", "URLconf", "vanguard.urls", "DEBUG"):
        assert leak not in content

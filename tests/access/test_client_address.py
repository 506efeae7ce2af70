"""The client's address behind trusted reverse proxies: rate limits, lockouts and the audit
log read it the same way, from the right of X-Forwarded-For."""

from django.test import RequestFactory

from vanguard.access.ratelimit import client_address


def request_with(forwarded: str | None, remote="10.0.0.2"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_forwarded_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_address(request_with("198.51.100.9")) == "10.0.0.2"


def test_behind_one_proxy_the_address_it_saw_is_used(settings):
    settings.PROXY_COUNT = 1
    # The client put a false address at the left; nginx appended the one it saw.
    assert client_address(request_with("1.2.3.4, 198.51.100.9")) == "198.51.100.9"


def test_a_short_header_falls_back_to_the_peer(settings):
    settings.PROXY_COUNT = 2
    assert client_address(request_with("198.51.100.9")) == "10.0.0.2"


def test_axes_reads_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.PROXY_COUNT = 1
    assert get_client_ip_address(request_with("198.51.100.9")) == "198.51.100.9"

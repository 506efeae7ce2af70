"""The logging filter: requests to the anonymous paths are logged without the client address
and user agent (runserver's access line, a 404, a 500), other paths as before."""

import io
import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.opinions.intake_world import s1_intake
from vanguard.opinions import logging as anonymous_logging
from vanguard.opinions import selectors_intake

pytestmark = pytest.mark.django_db
ADDRESS, AGENT = "203.0.113.77", "DistinctiveAgent/7.7 (anonymity-test)"
WHO = {"REMOTE_ADDR": ADDRESS, "HTTP_USER_AGENT": AGENT}


def everything_in(record: logging.LogRecord) -> str:
    """The record as any formatter could print it: message, every attribute, the request."""
    parts = [record.getMessage()] + [repr(v) for v in record.__dict__.values()]
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "META"):
        parts.append(repr(request.META))
    return "\n".join(parts)


def records_of(caplog, path_part: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if path_part in r.getMessage()]


def test_a_404_on_the_public_form_is_logged_without_address_or_agent(caplog, client):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/opinions/public/no-such-key/", **WHO)
    (record,) = records_of(caplog, "/opinions/public/no-such-key/")
    assert record.status_code == 404 and record.request is None
    assert ADDRESS not in everything_in(record) and AGENT not in everything_in(record)


def test_a_404_elsewhere_keeps_the_request_so_the_check_above_means_something(caplog, client):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/no-such-page/", **WHO)
    (record,) = records_of(caplog, "/no-such-page/")
    assert ADDRESS in everything_in(record) and AGENT in everything_in(record)


def test_a_500_on_the_receipt_and_form_pages_is_logged_without_address_or_agent(
        caplog, review_open, monkeypatch):
    intake = s1_intake(review_open)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors_intake, "get_public_intake", broken)
    monkeypatch.setattr("vanguard.opinions.services.receipts.look_up", broken)
    browser = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert browser.get(reverse("opinions:public_form", args=[intake.form_key]),
                           **WHO).status_code == 500
        assert browser.post(reverse("opinions:receipt"), {"code": "1" * 20},
                            **WHO).status_code == 500
    records = records_of(caplog, "/opinions/public/")
    assert len(records) == 2 and all(r.exc_info for r in records)
    for record in records:
        assert ADDRESS not in everything_in(record) and AGENT not in everything_in(record)


def test_the_logged_in_users_form_is_logged_without_address_or_agent(caplog, review_open,
                                                                     district):
    browser = Client(raise_request_exception=False)
    browser.force_login(district.users["member"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        browser.get(reverse("opinions:give", args=[999999]), **WHO)
    (record,) = records_of(caplog, "/give/")
    assert ADDRESS not in everything_in(record) and AGENT not in everything_in(record)


class PeerSocket:
    """What runserver puts in `record.request`: its socket, whose repr names the peer."""

    def __repr__(self):
        return f"<socket laddr=('127.0.0.1', 8000), raddr=('{ADDRESS}', 51234)>"


class Handler:
    """Just enough of runserver's WSGIRequestHandler to call its own log_message."""

    request = PeerSocket()
    client_address = (ADDRESS, 51234)

    def log_date_time_string(self):
        return "01/Sep/2026 10:00:00"


def runserver_line(path: str) -> str:
    """Log one access line the way runserver does, through the configured logger, and return
    it formatted with a format that prints the request object too."""
    from django.core.servers.basehttp import WSGIRequestHandler

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s | %(request)s"))
    logger = logging.getLogger("django.server")
    logger.addHandler(handler)
    try:
        WSGIRequestHandler.log_message(Handler(), '"%s" %s %s', f"GET {path} HTTP/1.1",
                                       "200", "512")
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_runservers_access_line_for_the_anonymous_paths_drops_the_peer():
    for path in ("/opinions/public/AbCdEf123/", "/opinions/public/receipt/",
                 "/opinions/7/give/", "/evaluations/vote/", "/assessments/answer/"):
        line = runserver_line(path)
        assert path in line and "200" in line
        assert ADDRESS not in line


def test_runservers_access_line_elsewhere_is_unchanged():
    assert ADDRESS in runserver_line("/campaigns/")


def test_the_filter_never_drops_a_record_and_blanks_the_address_in_arguments():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Not Found: %s from %s", ("/opinions/public/x/", ADDRESS), None)

    class Request:
        path = "/opinions/public/x/"
        META = WHO

    record.request = Request()
    assert anonymous_logging.DropClientOnAnonymousPaths().filter(record) is True
    assert record.getMessage() == "Not Found: /opinions/public/x/ from -"
    assert record.request is None

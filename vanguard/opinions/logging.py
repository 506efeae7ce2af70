"""A logging filter that keeps the anonymous opinion paths out of the logs' reach: for a
request to the public form, the receipt lookup or the logged-in user's form, the record
loses the client address and user agent (and the request object that carries them).

Django's records carry the request two ways: django.request / django.security.* put the
HttpRequest in `record.request` (with META: REMOTE_ADDR, HTTP_USER_AGENT …); runserver's
django.server puts its socket there (whose repr holds the peer address) and the request line
in `record.args`. The filter replaces `record.request` with None (Django's handlers, the admin
mail among them, cope with that) and blanks an address or agent found in the arguments. It
never drops a record: the path and the status stay, so errors are still seen.
"""

import logging
import re

# The paths whose logs must not name who sent them (see urls_intake).
ANONYMOUS_PATHS = (
    re.compile(r"^/opinions/public/"),
    re.compile(r"^/opinions/\d+/give/"),
    # Ballots of the democratic evaluation are as anonymous as opinions.
    re.compile(r"^/evaluations/vote/"),
    re.compile(r"^/assessments/answer/"),
    # A comment on a disclosed rectification item is the school's opinion form, item named.
    re.compile(r"^/rectification/public/[^/]+/\d+/comment/"),
    # The preparation survey's answer pages (a member's code, the public link).
    re.compile(r"^/surveys/answer/"),
    re.compile(r"^/surveys/public/"),
)
REQUEST_LINE = re.compile(r"^\"?[A-Z]+ (?P<path>\S+)")
BLANK = "-"


def is_anonymous_path(path: str) -> bool:
    return any(pattern.match(path or "") for pattern in ANONYMOUS_PATHS)


def _path_of(record: logging.LogRecord) -> str:
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str):
        return path
    # runserver: the first argument is the request line ("GET /path HTTP/1.1").
    args = record.args if isinstance(record.args, tuple) else ()
    if args and isinstance(args[0], str):
        match = REQUEST_LINE.match(args[0])
        if match:
            return match.group("path")
    return ""


def _sensitive_values(record: logging.LogRecord) -> set[str]:
    meta = getattr(getattr(record, "request", None), "META", None) or {}
    values = {str(meta.get(key, "")) for key in ("REMOTE_ADDR", "HTTP_USER_AGENT",
                                                 "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")}
    return {v for v in values if v}


def _scrub(value, sensitive: set[str]):
    if isinstance(value, str):
        for secret in sensitive:
            value = value.replace(secret, BLANK)
    return value


class DropClientOnAnonymousPaths(logging.Filter):
    """Keeps every record; strips who sent it when the path is an anonymous one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not is_anonymous_path(_path_of(record)):
            return True
        sensitive = _sensitive_values(record)
        record.request = None
        for name in ("client_address", "remote_addr", "user_agent"):
            if hasattr(record, name):
                setattr(record, name, BLANK)
        if sensitive and isinstance(record.args, tuple):
            record.args = tuple(_scrub(a, sensitive) for a in record.args)
        if sensitive and isinstance(record.msg, str):
            record.msg = _scrub(record.msg, sensitive)
        return True

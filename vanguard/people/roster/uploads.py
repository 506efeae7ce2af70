"""Uploaded roster files kept between the preview and the commit, under MEDIA_ROOT/imports."""

import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings

STALE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def path_of(token: str) -> Path | None:
    """The stored file of `token`, or None for a token we could not have made."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    return _folder() / token


def stash(upload) -> str:
    """Keep an uploaded file under a random name; the name is the token the session holds."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    purge_stale()
    token = secrets.token_urlsafe(32)
    # Owner-only: the file holds personal data (names, phones, perhaps ID numbers).
    descriptor = os.open(folder / token, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return token


def discard(token: str | None) -> None:
    path = path_of(token) if token else None
    if path is not None:
        path.unlink(missing_ok=True)


def purge_stale(max_age: int = STALE_SECONDS) -> None:
    """Remove files whose preview was never committed (the user left the page)."""
    folder = _folder()
    if not folder.is_dir():
        return
    cutoff = time.time() - max_age
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # removed meanwhile by another request

"""Checking an uploaded photo: JPEG or PNG by its actual bytes (the name alone proves nothing),
not empty, under PUBLICITY_PHOTO_MAX_BYTES."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from vanguard.publicity.errors import PublicityError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# signature: (content type, extension the stored file gets)
SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}
MAX_FILE_STEM = 80


@dataclass(frozen=True)
class CheckedPhoto:
    name: str
    content: bytes
    content_type: str
    sha256: str


def max_bytes() -> int:
    return int(getattr(settings, "PUBLICITY_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_big(limit: int) -> PublicityError:
    return PublicityError(_("The photo is too big: at most %(mb)s MB.")
                          % {"mb": round(limit / 1024 / 1024, 1)}, code="photo_size")


def check_photo(upload) -> CheckedPhoto:
    """The upload's bytes if they are a JPEG or PNG and fit the size cap; the stored name
    takes the extension of the type found, whatever the upload was called."""
    limit = max_bytes()
    if (getattr(upload, "size", 0) or 0) > limit:
        raise _too_big(limit)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _too_big(limit)
    if not content:
        raise PublicityError(_("The photo is empty."), code="photo_empty")
    found = next((kind for signature, kind in SIGNATURES.items()
                  if content.startswith(signature)), None)
    if found is None:
        raise PublicityError(_("A photo must be a JPEG or PNG image, and its content must be "
                               "of that type."), code="photo_type")
    content_type, extension = found
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = (name.rsplit(".", 1)[0] if "." in name else name)[:MAX_FILE_STEM] or "photo"
    return CheckedPhoto(name=f"{stem}.{extension}", content=content, content_type=content_type,
                        sha256=hashlib.sha256(content).hexdigest())

"""ID numbers and phone numbers: the GB 11643 check, encryption at rest, keyed hash, masking."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"


def id_number_is_valid(value: str) -> bool:
    """True for an 18-character resident ID whose last character is the GB 11643 check digit."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == value[17].upper()


def _fernet() -> Fernet:
    digest = hashlib.sha256(("fernet:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # A key changed without re-encrypting: show that, never a traceback.
        return "?"


def keyed_hash(value: str) -> str:
    key = ("hash:" + settings.FIELD_ENCRYPTION_KEY).encode()
    return hmac.new(key, value.upper().encode(), hashlib.sha256).hexdigest()


def mask_id_number(value: str) -> str:
    if len(value) < 8:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    if len(value) < 7:
        return value
    return value[:3] + "*" * (len(value) - 7) + value[-4:]

"""The composition rule assessors expect beside Django's validators (three of four classes), and
the hasher for one-time initial passwords."""

import string

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    classes_required = 3

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not c.isalnum() for c in password),
        ]
        if sum(classes) < self.classes_required:
            raise ValidationError(
                _("The password must mix at least three of: lower-case letters, upper-case "
                  "letters, digits and symbols."),
                code="password_too_plain",
            )

    def get_help_text(self) -> str:
        return _("Use at least three of: lower-case letters, upper-case letters, digits, symbols.")


class InitialPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few iterations, for the random one-time passwords an import hands out.

    Such a password is 12 characters drawn from 63 (≈70 bits): guessing it is out of reach
    without any key stretching, which exists to protect the low entropy of passwords people
    choose. The account must change it at first login; this hasher is listed after the
    default in PASSWORD_HASHERS, so Django re-hashes with the default when it is next
    checked, and every password a person chooses gets the full iteration count. Hashing
    10,000 initial passwords the full way would take the better part of an hour.
    """

    algorithm = "pbkdf2_sha256_initial"
    iterations = 1_000

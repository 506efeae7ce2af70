"""The composition rule assessors expect beside Django's validators: three of four classes."""

import string

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

"""The base of every app's error class: a ValidationError whose message a view shows as it is."""

from django.core.exceptions import ValidationError


class VanguardError(ValidationError):
    """Raised by services for bad input or a refused action; nothing has been written."""

    @property
    def text(self) -> str:
        return " ".join(str(m) for m in self.messages)

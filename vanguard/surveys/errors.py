"""The surveys app's error: bad input or a refused action, with nothing written."""

from vanguard.core.errors import VanguardError


class SurveyError(VanguardError):
    pass

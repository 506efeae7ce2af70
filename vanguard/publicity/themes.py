"""The themes of a campaign's practice activities, read from the template it was launched with
(the frozen `campaign.template_source`, so a later edit of the template changes nothing)."""

from functools import lru_cache

from vanguard.campaigns import builtin
from vanguard.campaigns.template_spec import ThemeSpec


@lru_cache(maxsize=16)
def _themes_of_source(source: str) -> tuple[ThemeSpec, ...]:
    return tuple(builtin.parse(source).themes)


def themes_of(campaign) -> tuple[ThemeSpec, ...]:
    """The campaign's themes in the template's order (none if the template lists none)."""
    return _themes_of_source(campaign.template_source)


def theme_choices(campaign) -> list[tuple[str, str]]:
    return [(t.key, t.name) for t in themes_of(campaign)]


def theme_names(campaign) -> dict[str, str]:
    return dict(theme_choices(campaign))

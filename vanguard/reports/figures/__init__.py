"""The summary report's figures, computed from the records of one organization's subtree:
each a dict {key, label, value, unit, source, url}, where `source` says in words which
records it counts and `url` is the page that lists them.

Each group is a fixed number of aggregate queries, whatever the size of the subtree (no loop
per member, branch or school). Values are ints or strings (dates, shares, digests), so the
list is stored as JSON and printed as it is.
"""

from collections.abc import Callable

from vanguard.campaigns.models import Campaign
from vanguard.people.models import Organization
from vanguard.reports.figures.base import (
    MEETING_LABELS,
    Scope,
    figure,
    scope_for,
    share,
    wilson_interval,
)
from vanguard.reports.figures.records import (
    analysis_figures,
    date_figures,
    discussion_figures,
    evaluation_figures,
    meeting_figures,
    opinion_figures,
    study_figures,
    talk_figures,
    writing_figures,
)
from vanguard.reports.figures.rectify import (
    disclosure_figures,
    rectification_figures,
    remedial_figures,
    satisfaction_figures,
)

__all__ = ["GROUPS", "MEETING_LABELS", "Scope", "by_key", "compute", "figure", "scope_for",
           "share", "wilson_interval"]


GROUPS: tuple[Callable[[Scope], list[dict]], ...] = (
    date_figures, meeting_figures, study_figures, writing_figures, discussion_figures,
    opinion_figures, talk_figures, analysis_figures, evaluation_figures,
    rectification_figures, disclosure_figures, satisfaction_figures, remedial_figures)


def compute(campaign: Campaign, organization: Organization) -> list[dict]:
    """Every figure of the report for `organization`'s subtree, in the report's order."""
    s = scope_for(campaign, organization)
    return [row for group in GROUPS for row in group(s)]


def by_key(figures: list[dict]) -> dict[str, dict]:
    return {f["key"]: f for f in figures}

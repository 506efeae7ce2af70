"""The sections an analysis has (from its activity's settings), their text made safe and
counted, and the links to the opinions fed back to the member that each section answers."""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vanguard.analyses.errors import AnalysisError
from vanguard.analyses.models import MAX_SECTION_CHARACTERS
from vanguard.study.sanitize import MAX_RAW_LENGTH, clean_html, visible_characters

# The plan's five parts (第二阶段 3), used when an activity's settings name none.
DEFAULT_SECTIONS = [
    {"key": "study", "label": "学习情况", "min_characters": 500},
    {"key": "example", "label": "参加和保持先进性、发挥先锋模范作用的情况", "min_characters": 600},
    {"key": "problems", "label": "存在的突出问题及表现", "min_characters": 800},
    {"key": "causes", "label": "产生问题的原因", "min_characters": 600},
    {"key": "direction", "label": "今后的努力方向", "min_characters": 500},
]
MAX_LINKS_PER_SECTION = 100
FED_BACK = ("released", "answered")  # Opinion.Status values the member has been shown


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    min_characters: int
    max_characters: int


def sections_of(activity) -> list[Section]:
    """The activity's sections; a template's maximum may lower the bound, never raise it."""
    settings = (activity.settings or {}) if activity is not None else {}
    ceiling = min(int(settings.get("max_characters") or MAX_SECTION_CHARACTERS),
                  MAX_SECTION_CHARACTERS)
    return [Section(str(s["key"]), str(s.get("label") or s["key"]),
                    int(s.get("min_characters") or 0), ceiling)
            for s in settings.get("sections") or DEFAULT_SECTIONS]


def clean_sections(specs: list[Section], raw: dict[str, str]) -> tuple[dict, dict]:
    """({key: safe HTML}, {key: visible characters}) for every section; keys the activity
    does not have are dropped. Raises for each section over its bound, naming them all."""
    cleaned, counts, over = {}, {}, []
    for spec in specs:
        text = raw.get(spec.key) or ""
        if len(text) > MAX_RAW_LENGTH:
            over.append(_("“%(label)s” is far too long") % {"label": spec.label})
            continue
        cleaned[spec.key] = clean_html(text)
        counts[spec.key] = visible_characters(cleaned[spec.key])
        if counts[spec.key] > spec.max_characters:
            over.append(_("“%(label)s” has %(n)d characters, at most %(max)d are allowed")
                        % {"label": spec.label, "n": counts[spec.key],
                           "max": spec.max_characters})
    if over:
        raise AnalysisError(_("Too long: %(sections)s. Shorten it; nothing was saved.")
                            % {"sections": "; ".join(over)}, code="too_long")
    return cleaned, counts


def short_sections(specs: list[Section], counts: dict[str, int]) -> list[str]:
    """Each section below its minimum (an empty one has 0), with its count and minimum."""
    return [_("“%(label)s” has %(n)d characters, needs at least %(min)d")
            % {"label": s.label, "n": counts.get(s.key, 0), "min": max(s.min_characters, 1)}
            for s in specs if counts.get(s.key, 0) < max(s.min_characters, 1)]


def fed_back_opinions(person, campaign):
    """The opinions released to the person in the campaign (read-only, phase 2a's rows)."""
    from vanguard.opinions.models import Opinion

    return Opinion.objects.filter(campaign=campaign, feedback__subject_person=person,
                                  status__in=FED_BACK)


def _opinion_id(value) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        raise AnalysisError(_not_yours(), code="not_your_opinion") from None


def _not_yours() -> str:
    return _("You can link only the opinions fed back to you. Nothing was saved.")


def clean_links(specs: list[Section], links: dict, person, campaign) -> dict[str, list[str]]:
    """{section key: sorted opinion ids}; refused if any id is not an opinion fed back to
    this member in this campaign (or not an id at all). One query."""
    keys = {s.key for s in specs}
    wanted: dict[str, list[str]] = {}
    for key, ids in (links or {}).items():
        if key not in keys:
            continue
        ids = sorted({_opinion_id(i) for i in ids if str(i).strip()})
        if len(ids) > MAX_LINKS_PER_SECTION:
            raise AnalysisError(_("A section may answer at most %(max)d opinions.")
                                % {"max": MAX_LINKS_PER_SECTION}, code="links")
        if ids:
            wanted[key] = ids
    every = {i for ids in wanted.values() for i in ids}
    if every:
        mine = {str(pk) for pk in fed_back_opinions(person, campaign)
                .filter(pk__in=every).values_list("pk", flat=True)}
        if mine != every:
            raise AnalysisError(_not_yours(), code="not_your_opinion")
    return wanted

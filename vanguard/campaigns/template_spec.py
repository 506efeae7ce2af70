"""The campaign template language: YAML read with safe_load, checked by pydantic models.

A template describes phases in sequence, tracks that run through the whole period, batches
with their own windows, the plan's figures (`requirements`) and a gate per phase. Errors name
the field and the line it stands on.
"""

from decimal import Decimal
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Text = Annotated[str, Field(min_length=1, max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RequirementSpec(Strict):
    """A figure the plan sets: `at least 40 hours of organized study`."""

    key: Key
    label: Text
    value: Decimal = Field(ge=0)
    unit: Literal["hours", "days", "count", "characters", "share", "percent"]
    applies_to: Key | None = None


class GateCheckSpec(Strict):
    """Passes when at least `min_share` of the activity's required assignments are done."""

    activity: Key
    min_share: Decimal = Field(default=Decimal(1), ge=0, le=1)
    label: Text | None = None


class ActivitySpec(Strict):
    key: Key
    kind: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$", max_length=60)]
    name: Text
    description: Annotated[str, Field(max_length=2000)] = ""
    required: bool = True
    offset_days: int = Field(default=0, ge=0)
    days: int = Field(default=7, ge=1)
    settings: dict[str, Any] = Field(default_factory=dict)


class StageSpec(Strict):
    key: Key
    name: Text
    days: int = Field(ge=1, le=400)
    activities: list[ActivitySpec] = Field(default_factory=list)
    gate: list[GateCheckSpec] = Field(default_factory=list)


class BatchSpec(Strict):
    key: Key
    name: Text
    offset_days: int = Field(default=0, ge=0)


class ThemeSpec(Strict):
    """A theme of the practice activities (主题实践活动) organizations record work under."""

    key: Key
    name: Text
    description: Annotated[str, Field(max_length=2000)] = ""


class TemplateSpec(Strict):
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=60)]
    name: Text
    description: Annotated[str, Field(max_length=4000)] = ""
    min_total_days: int = Field(default=1, ge=1)
    phases: list[StageSpec] = Field(default_factory=list)
    tracks: list[StageSpec] = Field(default_factory=list)
    batches: list[BatchSpec] = Field(default_factory=list)
    requirements: list[RequirementSpec] = Field(default_factory=list)
    themes: list[ThemeSpec] = Field(default_factory=list)

    @property
    def total_days(self) -> int:
        return max(sum(p.days for p in self.phases), max((t.days for t in self.tracks),
                                                          default=0))

    def figure(self, key: str) -> Decimal | None:
        return next((r.value for r in self.requirements if r.key == key), None)


Problem = tuple[tuple, str]  # (location in the document, message)


def consistency_problems(spec: TemplateSpec) -> list[Problem]:
    """The checks that span fields, each located at the field that is wrong."""
    problems: list[Problem] = []
    if not spec.phases and not spec.tracks:
        problems.append((("phases",), "a template needs at least one phase or one track"))
    seen_stages: set[str] = set()
    seen_activities: set[str] = set()
    for group in ("phases", "tracks"):
        for i, stage in enumerate(getattr(spec, group)):
            problems += _stage_problems(group, i, stage, seen_stages, seen_activities)
    for i, requirement in enumerate(spec.requirements):
        if requirement.applies_to and requirement.applies_to not in seen_stages:
            problems.append((("requirements", i, "applies_to"),
                             f"unknown phase or track {requirement.applies_to!r}"))
    theme_keys = [t.key for t in spec.themes]
    for i, key in enumerate(theme_keys):
        if key in theme_keys[:i]:
            problems.append((("themes", i, "key"), f"theme key {key!r} is used twice"))
    if spec.total_days < spec.min_total_days:
        problems.append((("min_total_days",),
                         f"the phases and tracks last {spec.total_days} days, fewer than "
                         f"min_total_days ({spec.min_total_days})"))
    return problems


def _stage_problems(group, i, stage, seen_stages, seen_activities) -> list[Problem]:
    problems: list[Problem] = []
    if stage.key in seen_stages:
        problems.append(((group, i, "key"), f"phase or track key {stage.key!r} is used twice"))
    seen_stages.add(stage.key)
    keys = [a.key for a in stage.activities]
    for j, activity in enumerate(stage.activities):
        where = (group, i, "activities", j)
        if activity.key in seen_activities:
            problems.append((where + ("key",), f"activity key {activity.key!r} is used twice"))
        seen_activities.add(activity.key)
        if activity.offset_days + activity.days > stage.days:
            problems.append((where + ("days",),
                             f"activity {activity.key!r} runs past the end of {stage.key!r} "
                             f"({activity.offset_days} + {activity.days} > {stage.days} days)"))
    for k, check in enumerate(stage.gate):
        if check.activity not in keys:
            problems.append(((group, i, "gate", k, "activity"),
                             f"gate names unknown activity {check.activity!r}"))
    return problems


class TemplateError(Exception):
    """A template that does not parse or validate; `problems` lists (line, field, message)."""

    def __init__(self, problems: list[tuple[int | None, str, str]]):
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"line {line or '?'}: {field}: {message}" if field else
                f"line {line or '?'}: {message}" for line, field, message in self.problems]


def parse_template(text: str, *, known_kinds: list[str] | None = None) -> TemplateSpec:
    """Parse and validate a template; raise TemplateError naming each bad field and its line."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateError([(mark.line + 1 if mark else None, "",
                              f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise TemplateError([(1, "", "a template is a mapping of fields (key, name, phases …)")])
    duplicates = _duplicate_keys(node)
    if duplicates:
        raise TemplateError(duplicates)
    lines = _line_index(node)
    try:
        spec = TemplateSpec.model_validate(data)
    except ValidationError as exc:
        raise TemplateError([
            (_line_of(lines, err["loc"]), ".".join(str(p) for p in err["loc"]),
             err["msg"].removeprefix("Value error, "))
            for err in exc.errors()
        ]) from None
    problems = [(_line_of(lines, loc), ".".join(str(p) for p in loc), message)
                for loc, message in consistency_problems(spec)]
    if problems:
        raise TemplateError(problems)
    if known_kinds is not None:
        unknown = [
            (_line_of(lines, (group, i, "activities", j, "kind")),
             f"{group}.{i}.activities.{j}.kind", f"unknown activity kind {a.kind!r}; "
             f"known kinds: {', '.join(known_kinds)}")
            for group in ("phases", "tracks")
            for i, stage in enumerate(getattr(spec, group))
            for j, a in enumerate(stage.activities)
            if a.kind not in known_kinds
        ]
        if unknown:
            raise TemplateError(unknown)
    return spec


def _line_index(node, path: tuple = ()) -> dict[tuple, int]:
    """Map each path in the YAML document to the 1-based line its value starts on."""
    index = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            index.update(_line_index(value_node, path + (key_node.value,)))
            index[path + (key_node.value,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index.update(_line_index(item, path + (i,)))
    return index


def _duplicate_keys(node, path: tuple = ()) -> list[tuple[int, str, str]]:
    """YAML lets a key appear twice and keeps the last; a template must not."""
    found = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            if key_node.value in seen:
                found.append((key_node.start_mark.line + 1,
                              ".".join(str(p) for p in path + (key_node.value,)),
                              "this field is given twice"))
            seen.add(key_node.value)
            found += _duplicate_keys(value_node, path + (key_node.value,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found += _duplicate_keys(item, path + (i,))
    return found


def _line_of(lines: dict[tuple, int], loc: tuple) -> int | None:
    for end in range(len(loc), -1, -1):
        if tuple(loc[:end]) in lines:
            return lines[tuple(loc[:end])]
    return None

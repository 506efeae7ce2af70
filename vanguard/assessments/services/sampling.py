"""The random sample (随机抽样): its frame, its size per stratum, the draw, and the check that
anyone can run to draw it again.

The frame is the school's public roster (people of the school who are neither members nor
activists, `people.selectors.public_of`) in the template's groups, less the people already
named representatives, grouped into strata (`common.GROUP_OF`) and each stratum ordered by
person id. Its canonical listing is one line per stratum, in the order staff, student, parent,
`<group>:<id>,<id>,…` with the ids ascending, lines joined by "\n", UTF-8; its SHA-256 is
recorded with the seed.

Each stratum gets its own size (Cochran with p = 0.5 and the finite population correction,
`statistics.sample_size`) rather than a share of one total: results are read per group, so
each group's figure needs the margin of error on its own. A stratum the size would take whole
is refused (that is a census, not a sample); an empty stratum is skipped.

The draw: `random.Random(seed)`, then for each stratum in the order above
`rng.sample(ids, n)`. Drawing again from the same seed and the same listing gives the same
people, which `check_sample` (the public check page, `vanguard redraw-sample`) shows.
"""

import hashlib
import random
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.assessments import statistics
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Part, Respondent
from vanguard.assessments.services import tokens
from vanguard.assessments.services.common import (
    DEFAULT_CONFIDENCE,
    DEFAULT_MARGIN,
    GROUP_OF,
    MAX_CONFIDENCE,
    MAX_MARGIN,
    MIN_CONFIDENCE,
    MIN_MARGIN,
    categories_of,
    decimal_setting,
    group_labels,
    groups_of,
    locked,
    require,
    running,
)
from vanguard.core import clock
from vanguard.people.selectors import public_of

Frame = dict[str, list[int]]
MAX_SEED = 64


def frame_of(assessment: Assessment) -> Frame:
    """{group: [person id, ascending]} for every group the template names: one query."""
    groups = groups_of(assessment.activity)
    named = Respondent.objects.filter(assessment=assessment, part=Part.REPRESENTATIVE) \
        .values("person_id")
    rows = (public_of(assessment.organization).filter(category__in=categories_of(groups))
            .exclude(pk__in=named).order_by("pk").values_list("pk", "category"))
    frame: Frame = {g: [] for g in groups}
    for pk, category in rows:
        frame[GROUP_OF[category]].append(pk)
    return frame


def recorded_frame(assessment: Assessment) -> Frame:
    """The frame kept at the draw, its groups in the template's order: the draw takes the
    strata in turn from one random stream, and a JSON column need not keep key order."""
    listing = assessment.roster_listing
    return {group: list(listing.get(group, [])) for group in groups_of(assessment.activity)}


def canonical_listing(frame: Frame) -> str:
    return "\n".join(f"{group}:{','.join(str(pk) for pk in sorted(ids))}"
                     for group, ids in frame.items())


def roster_digest(frame: Frame) -> str:
    return hashlib.sha256(canonical_listing(frame).encode()).hexdigest()


def sizes_for(frame: Frame, margin: Decimal, confidence: Decimal) -> dict[str, int]:
    """{group: sample size}; refused, naming the group, where the size is its whole roster."""
    sizes = {}
    labels = group_labels()
    for group, ids in frame.items():
        n = statistics.sample_size(len(ids), float(margin), float(confidence))
        if ids and n >= len(ids):
            raise AssessmentError(
                _("For %(group)s, a margin of error of %(margin)s needs %(n)d people, and the "
                  "roster has only %(N)d: that is not a sample. Choose a larger margin of error "
                  "(or name these people as representatives).")
                % {"group": labels[group], "margin": f"{float(margin) * 100:g}%", "n": n,
                   "N": len(ids)}, code="sample_too_large")
        sizes[group] = n
    return sizes


def draw(frame: Frame, sizes: dict[str, int], seed: str) -> dict[str, list[int]]:
    """{group: [chosen person id, ascending]}: the same for the same frame, sizes and seed."""
    rng = random.Random(seed)
    return {group: sorted(rng.sample(sorted(ids), sizes[group])) for group, ids in frame.items()}


def _checked_parameters(assessment, margin, confidence) -> tuple[Decimal, Decimal]:
    """The margin and confidence asked for (the template's, when not given), checked."""
    settings = assessment.activity.settings or {}
    # A value given and unreadable is refused below (NaN fails every bound); a template value
    # unreadable falls back to the default.
    margin = decimal_setting(margin, Decimal("NaN")) if margin is not None else \
        decimal_setting(settings.get("margin"), DEFAULT_MARGIN)
    confidence = decimal_setting(confidence, Decimal("NaN")) if confidence is not None else \
        decimal_setting(settings.get("confidence"), DEFAULT_CONFIDENCE)
    if margin.is_nan() or confidence.is_nan():
        raise AssessmentError(_("The margin of error and the confidence level are numbers, "
                              "such as 0.05 and 0.95."), code="margin")
    if not MIN_MARGIN <= margin <= MAX_MARGIN or margin != margin.quantize(Decimal("0.001")):
        raise AssessmentError(_("The margin of error must lie between 0.01 and 0.5 (1% to "
                                "50%), with at most three decimals."), code="margin")
    if not MIN_CONFIDENCE <= confidence <= MAX_CONFIDENCE or \
            confidence != confidence.quantize(Decimal("0.001")):
        raise AssessmentError(_("The confidence level must lie between 0.5 and 0.999."),
                              code="confidence")
    return margin, confidence


def _check_drawable(assessment: Assessment) -> None:
    if assessment.sample_drawn_at is not None:
        raise AssessmentError(_("The sample is already drawn; it is drawn once, so that nobody "
                                "can draw until they like the result."), code="drawn")
    if assessment.state != Assessment.State.DRAFT:
        raise AssessmentError(_("The sample is drawn while the assessment is being prepared."),
                              code="not_draft")


@transaction.atomic
def draw_sample(*, actor, assessment: Assessment, margin=None, confidence=None,
                seed: str | None = None) -> dict[str, list[int]]:
    """Draw the sample part once, record the seed and the roster's digest, and make each
    chosen person a respondent. Returns {group: [person id]}."""
    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    _check_drawable(assessment)
    margin, confidence = _checked_parameters(assessment, margin, confidence)
    seed = seed if seed is not None else secrets.token_hex(16)
    if not seed or len(seed) > MAX_SEED:
        raise AssessmentError(_("A seed has 1 to 64 characters."), code="seed")
    frame = frame_of(assessment)
    if not any(frame.values()):
        raise AssessmentError(_("The school's public roster has nobody in the template's "
                                "groups: import the roster of staff and students first."),
                              code="empty_roster")
    chosen = draw(frame, sizes_for(frame, margin, confidence), seed)
    Respondent.objects.bulk_create([
        Respondent(assessment=assessment, person_id=pk, part=Part.SAMPLE, group=group,
                   token_hash=tokens.hash_token(tokens.new_token()))
        for group, ids in chosen.items() for pk in ids])
    assessment.margin, assessment.confidence, assessment.seed = margin, confidence, seed
    assessment.roster_sha256 = roster_digest(frame)
    assessment.roster_sizes = {group: len(ids) for group, ids in frame.items()}
    assessment.roster_listing = {group: sorted(ids) for group, ids in frame.items()}
    assessment.sample_drawn_at, assessment.sample_drawn_by = clock.now(), actor
    assessment.save(update_fields=["margin", "confidence", "seed", "roster_sha256",
                                   "roster_sizes", "roster_listing", "sample_drawn_at",
                                   "sample_drawn_by",
                                   "updated_at"])
    audit.record(actor=actor, action="assessments.sample.drawn", target=assessment,
                 changes={"seed": [None, seed], "roster_sha256": [None, assessment.roster_sha256],
                          "margin": [None, str(margin)], "confidence": [None, str(confidence)],
                          "sizes": [None, {g: len(ids) for g, ids in chosen.items()}]})
    return chosen


@dataclass
class SampleCheck:
    """The sample drawn again from its record: whether the roster is the one it was drawn
    from, and whether the same people come out."""

    seed: str
    recorded_digest: str
    digest: str
    populations: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    persons_match: bool = False
    problem: str = ""

    @property
    def digest_matches(self) -> bool:
        return self.digest == self.recorded_digest

    @property
    def ok(self) -> bool:
        return self.digest_matches and self.persons_match


def check_sample(assessment: Assessment) -> SampleCheck:
    """Recompute the roster's digest and the draw from the recorded seed, and compare with the
    people on record. Reads only."""
    if assessment.sample_drawn_at is None:
        raise AssessmentError(_("No sample has been drawn for this assessment yet."),
                              code="not_drawn")
    # The frame recorded at the draw (its digest proves it is the one drawn from); today's
    # roster only for assessments drawn before the frame was kept.
    frame = recorded_frame(assessment) if assessment.roster_listing else frame_of(assessment)
    check = SampleCheck(seed=assessment.seed, recorded_digest=assessment.roster_sha256,
                        digest=roster_digest(frame),
                        populations={g: len(ids) for g, ids in frame.items()})
    try:
        check.sizes = sizes_for(frame, assessment.margin, assessment.confidence)
    except AssessmentError as exc:
        check.problem = exc.text
        return check
    again = draw(frame, check.sizes, assessment.seed)
    recorded: dict[str, list[int]] = {g: [] for g in frame}
    for pk, group in (Respondent.objects.filter(assessment=assessment, part=Part.SAMPLE)
                      .order_by("person_id").values_list("person_id", "group")):
        recorded.setdefault(group, []).append(pk)
    check.persons_match = again == recorded
    return check

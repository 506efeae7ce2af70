"""The sample: frame, sizes, a reproducible draw with its recorded seed and roster digest, the
check anyone can run, and the refusals (too large, twice, no roster)."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.assessments.conftest import MARGIN, SEED
from tests.builders import make_person
from vanguard.access.models import AuditEntry
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Part, Respondent
from vanguard.assessments.services import assessments, sampling

pytestmark = pytest.mark.django_db


def sample_ids(assessment) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for pk, group in (Respondent.objects.filter(assessment=assessment, part=Part.SAMPLE)
                      .order_by("person_id").values_list("person_id", "group")):
        out.setdefault(group, []).append(pk)
    return out


def test_the_frame_is_the_public_roster_by_group_without_members_or_representatives(
        assessment, representatives, roster, school):
    frame = sampling.frame_of(assessment)
    assert list(frame) == ["staff", "student", "parent"]
    staff = sorted(p.pk for p in roster["teacher"] + roster["staff"])
    assert frame["staff"] == staff  # teachers and other staff, ordered by id
    assert frame["student"] == sorted(p.pk for p in roster["student"][3:])
    assert frame["parent"] == sorted(p.pk for p in roster["parent"][2:])
    members = {p.pk for p in school.members}
    assert not members & {pk for ids in frame.values() for pk in ids}


def test_retired_staff_and_graduates_are_in_no_stratum(assessment, roster, school):
    retired = make_person("退休教师", school.school, category="retired")
    assert retired.pk not in {pk for ids in sampling.frame_of(assessment).values() for pk in ids}


def test_the_sizes_are_cochrans_per_stratum(drawn):
    # n0 = 24.0091 at 20%; staff 30 → 24.0091 / (1 + 23.0091/30) = 13.58 → 14;
    # students 37 (40 less 3 representatives) → 24.0091 / 1.62187 = 14.80 → 15;
    # parents 23 (25 less 2) → 24.0091 / 2.00040 = 12.002 → 13
    assert {g: len(ids) for g, ids in drawn.items()} == {"staff": 14, "student": 15,
                                                          "parent": 13}


def test_the_draw_records_its_seed_and_the_digest_of_the_listing(assessment, drawn, roster):
    assessment.refresh_from_db()
    frame = sampling.frame_of(assessment)
    listing = "\n".join(f"{g}:{','.join(map(str, ids))}" for g, ids in frame.items())
    assert assessment.seed == SEED and str(assessment.margin) == "0.200"
    assert assessment.roster_sha256 == hashlib.sha256(listing.encode()).hexdigest()
    assert sample_ids(assessment) == drawn
    assert AuditEntry.objects.filter(action="assessments.sample.drawn").count() == 1


def test_the_seeded_sample_drawn_again_gives_the_same_persons(assessment, drawn):
    assessment.refresh_from_db()
    check = sampling.check_sample(assessment)
    assert check.ok and check.digest_matches and check.persons_match
    frame = sampling.frame_of(assessment)
    again = sampling.draw(frame, sampling.sizes_for(frame, assessment.margin,
                                                    assessment.confidence), SEED)
    assert again == drawn == sample_ids(assessment)


def test_another_seed_gives_other_persons(assessment, drawn):
    frame = sampling.frame_of(assessment)
    sizes = {g: len(ids) for g, ids in drawn.items()}
    assert sampling.draw(frame, sizes, "another seed") != drawn


def test_without_a_seed_a_random_one_of_32_hex_digits_is_recorded(assessment, representatives,
                                                                   office):
    sampling.draw_sample(actor=office, assessment=assessment, margin=MARGIN)
    assessment.refresh_from_db()
    assert len(assessment.seed) == 32 and int(assessment.seed, 16) >= 0
    assert sampling.check_sample(assessment).ok


def test_the_sample_checks_out_after_the_roster_changes(assessment, drawn, school):
    """The frame is kept with the draw, so a later import does not spoil the check."""
    make_person("新来的老师", school.school, category="teacher")
    assessment.refresh_from_db()
    assert sampling.check_sample(assessment).ok


def test_the_check_notices_a_listing_changed_behind_its_digest(assessment, drawn):
    assessment.refresh_from_db()
    listing = dict(assessment.roster_listing)
    group = next(g for g, ids in listing.items() if ids)
    listing[group] = listing[group][1:]
    type(assessment).objects.filter(pk=assessment.pk).update(roster_listing=listing)
    assessment.refresh_from_db()
    check = sampling.check_sample(assessment)
    assert not check.digest_matches and not check.ok


def test_the_redraw_command_says_the_sample_matches(assessment, drawn):
    out = io.StringIO()
    call_command("redraw-sample", str(assessment.pk), "--listing", stdout=out)
    text = out.getvalue()
    assert SEED in text and "drawing again gives the same people" in text
    assert text.count("staff:") == 1


def test_the_redraw_command_fails_on_a_tampered_listing(assessment, drawn):
    assessment.refresh_from_db()
    listing = dict(assessment.roster_listing)
    group = next(g for g, ids in listing.items() if ids)
    listing[group] = listing[group][:-1]
    type(assessment).objects.filter(pk=assessment.pk).update(roster_listing=listing)
    with pytest.raises(CommandError, match="roster has changed"):
        call_command("redraw-sample", str(assessment.pk), stdout=io.StringIO())


# --- bad input ------------------------------------------------------------------------------

def nothing_drawn(assessment) -> bool:
    assessment.refresh_from_db()
    return (assessment.sample_drawn_at is None and assessment.seed == ""
            and not Respondent.objects.filter(assessment=assessment, part=Part.SAMPLE).exists())


def test_a_sample_larger_than_the_roster_is_refused_naming_the_group(assessment, roster,
                                                                     office):
    # 1%: n0 = 3.841459 · 0.25 / 0.0001 = 9603.6; the 30 staff would need
    # 9603.6 / (1 + 9602.6 / 30) = 29.9 → 30, the whole stratum: refused on the first group
    with pytest.raises(AssessmentError, match="staff") as refused:
        sampling.draw_sample(actor=office, assessment=assessment, margin="0.01", seed=SEED)
    assert refused.value.code == "sample_too_large"
    assert "that is not a sample" in refused.value.text
    assert nothing_drawn(assessment)


def test_drawing_twice_is_refused(assessment, drawn, office):
    before = sample_ids(assessment)
    with pytest.raises(AssessmentError, match="already drawn") as refused:
        sampling.draw_sample(actor=office, assessment=assessment, margin=MARGIN, seed="other")
    assert refused.value.code == "drawn"
    assessment.refresh_from_db()
    assert assessment.seed == SEED and sample_ids(assessment) == before


@pytest.mark.parametrize("margin", ["0", "0.6", "0.0125", "abc"])
def test_a_margin_out_of_bounds_is_refused(assessment, roster, office, margin):
    with pytest.raises(AssessmentError) as refused:
        sampling.draw_sample(actor=office, assessment=assessment, margin=margin)
    assert refused.value.code == "margin"
    assert nothing_drawn(assessment)


def test_a_school_without_a_public_roster_cannot_draw(activity, office):
    assessment = assessments.create_assessment(actor=office, activity=activity)
    with pytest.raises(AssessmentError, match="nobody") as refused:
        sampling.draw_sample(actor=office, assessment=assessment, margin=MARGIN)
    assert refused.value.code == "empty_roster" and nothing_drawn(assessment)


def test_only_the_schools_office_draws(assessment, roster, district):
    for user in ("other_office", "secretary", "supervisor", "leader"):
        with pytest.raises(AssessmentError) as refused:
            sampling.draw_sample(actor=district.users[user], assessment=assessment,
                                 margin=MARGIN)
        assert refused.value.code == "forbidden", user
    assert nothing_drawn(assessment)


def test_representatives_cannot_change_once_the_sample_is_drawn(assessment, drawn, office,
                                                                roster):
    with pytest.raises(AssessmentError, match="list of representatives is closed"):
        assessments.add_representatives(actor=office, assessment=assessment,
                                        people=[roster["staff"][0]])
    assert Respondent.objects.filter(assessment=assessment, part=Part.REPRESENTATIVE).count() == 6
    assert Assessment.objects.get(pk=assessment.pk).state == Assessment.State.DRAFT


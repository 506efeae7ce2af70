"""The operator's commands: check-template and launch-campaign, as `vanguard …` runs them."""

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.campaigns.test_templates import VALID
from vanguard.access.models import AuditEntry
from vanguard.campaigns import builtin
from vanguard.campaigns.models import Campaign


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def run_failing(*args, **options) -> tuple[str, str]:
    """(what was printed, the CommandError's message)."""
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue(), str(caught.value)


# --- check-template ---

def test_check_template_builtin_summarizes_each_shipped_template():
    lines = run("check-template", "--builtin").splitlines()
    assert len(lines) == len(builtin.builtin_sources())
    assert lines[0].endswith("advanced-nature-2005.yaml: ok "
                             "(3 phases, 0 tracks, 17 activities, 0 batches, 100 days)")
    assert lines[1].endswith("theme-education-2019.yaml: ok "
                             "(0 phases, 4 tracks, 7 activities, 2 batches, 90 days)")


def test_check_template_accepts_a_valid_file(tmp_path):
    path = tmp_path / "sample.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert run("check-template", str(path)) == (
        f"{path}: ok (1 phases, 0 tracks, 1 activities, 0 batches, 10 days)\n")


def test_check_template_prints_each_problem_as_path_line_field_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(VALID.replace("campaigns.task", "campaigns.nope")
                    .replace("name: 样例\n", "name: 样例\ncolour: red\n"), encoding="utf-8")
    out, error = run_failing("check-template", str(path))
    assert f"{path}:3: colour: Extra inputs are not permitted" in out
    assert "1 of 1 template file failed" in error


def test_check_template_reports_unknown_kind_on_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(VALID.replace("campaigns.task", "campaigns.nope"), encoding="utf-8")
    out, _ = run_failing("check-template", str(path))
    assert out.startswith(f"{path}:10: phases.0.activities.0.kind: unknown activity kind "
                          f"'campaigns.nope'")


def test_check_template_checks_every_file_and_fails_if_one_is_bad(tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(VALID, encoding="utf-8")
    bad.write_text("- not a mapping\n", encoding="utf-8")
    out, error = run_failing("check-template", str(good), str(bad))
    assert f"{good}: ok" in out
    assert f"{bad}:1: a template is a mapping" in out
    assert "1 of 2 template files failed" in error


def test_check_template_names_a_missing_file_without_a_traceback(tmp_path):
    path = tmp_path / "missing.yaml"
    out, _ = run_failing("check-template", str(path))
    assert out == f"{path}: no such file\n"


def test_check_template_names_a_directory(tmp_path):
    out, _ = run_failing("check-template", str(tmp_path))
    assert out == f"{tmp_path}: is a directory, not a template file\n"


def test_check_template_names_a_file_that_is_not_utf8_and_its_line(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("key: sample\nname: 样例\n".encode("gbk"))
    out, _ = run_failing("check-template", str(path))
    assert re.fullmatch(rf"{re.escape(str(path))}:2: not UTF-8 text \(byte 0x[0-9a-f]{{2}} "
                        r"at offset 18\); save the file as UTF-8\n", out)


def test_check_template_needs_a_path_or_builtin():
    _, error = run_failing("check-template")
    assert "--builtin" in error


# --- launch-campaign ---

def test_launch_campaign_launches_as_the_system_and_reports_what_it_made(district):
    out = run("launch-campaign", template="advanced-nature-2005", org="D", start="2026-09-01")
    campaign = Campaign.objects.get()
    assert campaign.launched_by is None
    assert campaign.organization == district.root
    assert f"Launched campaign {campaign.pk}: 保持共产党员先进性教育活动（学校）" in out
    assert "runs 2026-09-01 to 2026-12-09" in out
    assert "2 school plans derived as drafts" in out
    assert campaign.plans.filter(derived_from__isnull=False).count() == 2
    entry = AuditEntry.objects.get(action="campaigns.campaign.launched")
    assert entry.actor_label == "system"


def test_launch_campaign_takes_a_name_and_shows_batches(district):
    out = run("launch-campaign", "--template", "theme-education-2019", "--org", "D",
              "--start", "2026-09-01", "--name", "区教育系统主题教育")
    assert Campaign.objects.get().name == "区教育系统主题教育"
    assert "batch first (第一批): 2026-09-01 to 2026-11-29" in out
    assert "batch second (第二批): 2026-12-02 to 2027-03-01" in out


def test_launch_campaign_refuses_an_unknown_organization(district):
    _, error = run_failing("launch-campaign", template="advanced-nature-2005", org="NOPE",
                           start="2026-09-01")
    assert "no organization with the code 'NOPE'" in error
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("start", ["2026-13-01", "1/9/2026", "tomorrow"])
def test_launch_campaign_refuses_a_bad_date(district, start):
    _, error = run_failing("launch-campaign", template="advanced-nature-2005", org="D",
                           start=start)
    assert "YYYY-MM-DD" in error and start in error
    assert not Campaign.objects.exists()


def test_launch_campaign_refuses_an_unknown_template(district):
    _, error = run_failing("launch-campaign", template="nope", org="D", start="2026-09-01")
    assert "nope" in error
    assert not Campaign.objects.exists()


def test_launch_campaign_refuses_a_campaign_already_running(district):
    run("launch-campaign", template="advanced-nature-2005", org="D", start="2026-09-01")
    _, error = run_failing("launch-campaign", template="advanced-nature-2005", org="D",
                           start="2026-10-01")
    assert district.root.name in error
    assert Campaign.objects.count() == 1


def test_launch_campaign_refuses_a_name_too_long(district):
    _, error = run_failing("launch-campaign", template="advanced-nature-2005", org="D",
                           start="2026-09-01", name="长" * 121)
    assert "at most 120" in error
    assert not Campaign.objects.exists()

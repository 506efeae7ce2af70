"""The report's sections (what the plan asks a summary to say) and the text prefilled from the
figures, in Chinese sentences the office then edits."""

from vanguard.reports.figures import MEETING_LABELS, by_key
from vanguard.reports.models import MAX_SECTION

# (key, heading in the document): the plan's "开展情况、主要做法、取得的经验成效、存在的问题和不足",
# with the next steps that superiors expect at the end.
SECTIONS = (
    ("how_run", "活动开展情况"),
    ("practices", "主要做法"),
    ("results", "取得的成效"),
    ("problems", "存在的问题和不足"),
    ("next_steps", "下一步工作打算"),
)
SECTION_KEYS = tuple(key for key, _heading in SECTIONS)
MAX_SECTION_CHARACTERS = MAX_SECTION


def _v(figures: dict, key: str):
    row = figures.get(key)
    return row["value"] if row is not None else "—"


def how_run_text(figures: list[dict], organization_name: str) -> str:
    """How the campaign was run, one paragraph per phase, every number from a figure."""
    f = by_key(figures)
    meetings = []
    for kind, word in MEETING_LABELS.items():
        if _v(f, f"meetings.{kind}.held") not in (0, "—"):
            meetings.append(f"召开{word}{_v(f, f'meetings.{kind}.held')}次，应到党员"
                            f"{_v(f, f'meetings.{kind}.expected')}人，实到"
                            f"{_v(f, f'meetings.{kind}.present')}人，到会率"
                            f"{_v(f, f'meetings.{kind}.rate')}%")
    lines = [
        f"{organization_name}按照上级党组织的部署，于{_v(f, 'campaign.starts_on')}"
        f"启动先进性教育活动，计划于{_v(f, 'campaign.ends_on')}结束。"
        + ("；".join(meetings) + "。" if meetings else ""),
        f"学习动员阶段，{_v(f, 'study.members')}名党员参加学习，{_v(f, 'study.met')}人集中学习达到"
        f"{_v(f, 'study.minimum')}学时，{_v(f, 'study.exempt')}人经批准免修，人均集中学习"
        f"{_v(f, 'study.hours_average')}学时；提交读书笔记{_v(f, 'study.notes.handed_in')}篇、"
        f"心得体会{_v(f, 'study.reflections.handed_in')}篇；大讨论发言"
        f"{_v(f, 'discussion.posts')}条，提炼并公布先进性具体要求"
        f"{_v(f, 'discussion.requirements')}条。",
        f"分析评议阶段，通过座谈会、个别谈话、意见箱、征求意见表、热线电话和网上意见等渠道征求意见"
        f"{_v(f, 'opinions.total')}条，向{_v(f, 'feedback.released')}个对象如实反馈；规定的谈心"
        f"{_v(f, 'talks.required')}对，已谈到并确认{_v(f, 'talks.done')}对（"
        f"{_v(f, 'talks.coverage')}%）；{_v(f, 'analyses.handed_in')}名党员提交党性分析材料，"
        f"{_v(f, 'analyses.reviewed')}份经审阅，{_v(f, 'analyses.revised')}份会后修改完善；"
        f"{_v(f, 'evaluations.graded')}名党员经民主评议评定等次，其中优秀"
        f"{_v(f, 'evaluations.grade.excellent')}人、合格{_v(f, 'evaluations.grade.qualified')}人、"
        f"基本合格{_v(f, 'evaluations.grade.basic')}人、不合格"
        f"{_v(f, 'evaluations.grade.unqualified')}人。",
        f"整改提高阶段，制定党员个人整改方案{_v(f, 'rectification.plans.member')}份、基层党组织"
        f"整改方案{_v(f, 'rectification.plans.organization')}份、领导班子整改方案"
        f"{_v(f, 'rectification.plans.team')}份；整改事项{_v(f, 'rectification.items')}项，"
        f"已完成{_v(f, 'rectification.solved')}项，经上级对账销号"
        f"{_v(f, 'rectification.verified')}项，逾期未完成{_v(f, 'rectification.overdue')}项；"
        f"向师生公布整改情况{_v(f, 'disclosure.published')}次。",
    ]
    if _v(f, "satisfaction.answered") not in (0, "—"):
        lines.append(
            f"满意度测评共{_v(f, 'satisfaction.invited')}人参加、{_v(f, 'satisfaction.answered')}"
            f"人作答（回收率{_v(f, 'satisfaction.response_rate')}%），满意率"
            f"{_v(f, 'satisfaction.share')}%（95%置信区间{_v(f, 'satisfaction.low')}%—"
            f"{_v(f, 'satisfaction.high')}%）。")
    return "\n".join(lines)


def prefilled(figures: list[dict], organization_name: str) -> dict[str, str]:
    return {"how_run": how_run_text(figures, organization_name), "practices": "",
            "results": "", "problems": "", "next_steps": ""}

"""Figures of the third phase: the rectification ledger and plans, disclosures, the
satisfaction assessment with its intervals, remedial rounds."""


from django.db.models import Count, Exists, OuterRef, Q

from vanguard.assessments.models import Answer, Assessment, Rating, RemedialRound, Respondent
from vanguard.assessments.selectors import MIN_CELL
from vanguard.campaigns.documents import chinese_date
from vanguard.core import clock
from vanguard.rectification.models import Disclosure, Item, Owner, RectificationPlan
from vanguard.reports.figures.base import (
    CLASS_WORDS,
    OPEN_ITEMS,
    OWNER_WORDS,
    RESPONDENT_GROUPS,
    SATISFIED,
    Scope,
    figure,
    share,
    wilson_interval,
)

# --- phase 3 ---------------------------------------------------------------------------------

def rectification_figures(s: Scope) -> list[dict]:
    """Ledger items by class and state, overdue, and plans approved per owner: two queries."""
    today = clock.today()
    items = Item.objects.filter(s.under(), campaign=s.campaign).aggregate(
        total=Count("pk"),
        **{f"class_{c}": Count("pk", filter=Q(item_class=c)) for c in Item.Class.values},
        solved=Count("pk", filter=Q(status__in=(Item.Status.DONE, Item.Status.VERIFIED))),
        verified=Count("pk", filter=Q(status=Item.Status.VERIFIED)),
        overdue=Count("pk", filter=Q(status__in=OPEN_ITEMS, deadline__lt=today)))
    plans = RectificationPlan.objects.filter(s.under(), campaign=s.campaign).aggregate(
        **{f"{o}_total": Count("pk", filter=Q(owner_kind=o)) for o in Owner.values},
        **{f"{o}_approved": Count("pk", filter=Q(owner_kind=o,
                                                 status=RectificationPlan.Status.APPROVED))
           for o in Owner.values})
    ledger = s.link("rectification:ledger", s.campaign.pk, query=s.org_query)
    plans_url = s.link("rectification:plans", s.campaign.pk)
    rows = [figure("rectification.items", "整改事项", items["total"], "项",
                   "rectification.Item：整改台账上的全部事项", ledger)]
    rows += [figure(f"rectification.class.{c}", f"其中{CLASS_WORDS[c]}", items[f"class_{c}"],
                    "项", f"rectification.Item：类别为“{CLASS_WORDS[c]}”的事项",
                    f"{ledger}&class={c}")
             for c in Item.Class.values]
    rows += [
        figure("rectification.solved", "已完成整改的事项", items["solved"], "项",
               "rectification.Item：状态为“已完成”或“已销号”的事项", ledger),
        figure("rectification.verified", "经上级对账销号的事项", items["verified"], "项",
               "rectification.Item：上级党组织办公室核验销号的事项", f"{ledger}&status=verified"),
        figure("rectification.overdue", "逾期未完成的事项", items["overdue"], "项",
               f"rectification.Item：截止日期早于{chinese_date(today)}仍未完成的事项",
               f"{ledger}&overdue=1")]
    for owner in Owner.values:
        rows += [figure(f"rectification.plans.{owner}", f"{OWNER_WORDS[owner]}整改方案",
                        plans[f"{owner}_total"], "份",
                        f"rectification.RectificationPlan：{OWNER_WORDS[owner]}的整改方案",
                        plans_url),
                 figure(f"rectification.plans.{owner}.approved",
                        f"{OWNER_WORDS[owner]}整改方案经审核", plans[f"{owner}_approved"], "份",
                        f"rectification.RectificationPlan：已审核通过的{OWNER_WORDS[owner]}整改方案",
                        plans_url)]
    return rows


def disclosure_figures(s: Scope) -> list[dict]:
    """Snapshots published; for a school, the current one's number and digest: two queries."""
    got = Disclosure.objects.filter(s.under(), campaign=s.campaign).aggregate(
        published=Count("pk"), current=Count("pk", filter=Q(superseded_by__isnull=True)))
    school_top = s.organization.school_id is not None
    # A school's snapshots are listed on its public page; a level above has no list of its
    # own, so its figures point to the campaign's progress page.
    url = s.link("rectification:public_index", s.organization.code) if school_top else \
        s.progress_url
    rows = [figure("disclosure.published", "公布整改情况", got["published"], "次",
                   "rectification.Disclosure：已公布的整改情况快照（含被更正替代的）", url),
            figure("disclosure.current", "现行公布的整改情况", got["current"], "份",
                   "rectification.Disclosure：未被更正替代的快照（每校一份）", url)]
    if school_top:
        latest = Disclosure.objects.filter(s.under(), campaign=s.campaign,
                                           superseded_by__isnull=True).order_by(
            "-published_at", "-number").first()
        if latest is not None:
            rows += [figure("disclosure.number", "现行公布的编号", latest.number, "",
                            "rectification.Disclosure：现行快照的编号", url),
                     figure("disclosure.sha256", "现行公布内容的SHA-256摘要", latest.sha256, "",
                            "rectification.Disclosure：现行快照内容的摘要（可据以核对未被改动）",
                            url)]
    return rows


def satisfaction_figures(s: Scope) -> list[dict]:
    """The latest closed assessment of each school in the subtree: who was asked and who
    answered, the answers by rating, and the satisfied share (满意, 比较满意 and 基本满意) with
    its Wilson interval, overall and per group. Two queries."""
    later = Assessment.objects.filter(campaign=OuterRef("campaign"),
                                      organization=OuterRef("organization"),
                                      state=Assessment.State.CLOSED, round__gt=OuterRef("round"))
    latest = Assessment.objects.filter(s.under(), campaign=s.campaign,
                                       state=Assessment.State.CLOSED).filter(~Exists(later))
    asked = Respondent.objects.filter(assessment__in=latest).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    by_group: dict[str, dict[str, int]] = {}
    for row in Answer.objects.filter(response__assessment__in=latest).values(
            "response__group", "rating").annotate(n=Count("pk")).order_by():
        by_group.setdefault(row["response__group"], {})[row["rating"]] = row["n"]
    overall = {r: sum(g.get(r, 0) for g in by_group.values()) for r in Rating.values}
    url = s.link("assessments:campaign", s.campaign.pk)
    where = "assessments.Answer：各校最近一次已结束的满意度测评"
    rows = [figure("satisfaction.invited", "参加测评的人员", asked["invited"], "人",
                   "assessments.Respondent：代表名单和随机抽样选中的人员", url),
            figure("satisfaction.answered", "完成测评的人员", asked["answered"], "人",
                   "assessments.Respondent：已作答的人员", url),
            figure("satisfaction.response_rate", "测评回收率",
                   share(asked["answered"], asked["invited"]), "%",
                   "assessments.Respondent：已作答人员 ÷ 参加测评人员", url)]
    hidden = sum(overall.values()) < MIN_CELL  # as the results page: no small counts
    rows += [figure(f"satisfaction.rating.{r}", f"评价为“{label}”的答案",
                    "—" if hidden else overall[r], "条",
                    f"{where}中评价为“{label}”的答案" + (f"（不足{MIN_CELL}条不予显示）"
                                                  if hidden else ""), url)
             for r, label in Rating.choices]
    rows += _share_rows("satisfaction", "", overall, where, url)
    for group, counts in sorted(by_group.items()):
        word = RESPONDENT_GROUPS.get(group, group)
        rows += _share_rows(f"satisfaction.{group}", word, counts,
                            f"{where}中{word}的答案", url)
    return rows


def _share_rows(key: str, word: str, counts: dict[str, int], where: str, url: str) -> list:
    """Share and interval of one set of answers; under MIN_CELL answers they are not shown
    (as on the assessment's results page), so a small group's answers cannot be told apart."""
    trials = sum(counts.values())
    yes = sum(counts.get(r, 0) for r in SATISFIED)
    interval = wilson_interval(yes, trials) if trials >= MIN_CELL else None
    low, high = (str(interval[0]), str(interval[1])) if interval else ("—", "—")
    rule = "（满意、比较满意、基本满意）÷ 全部答案"
    if trials < MIN_CELL:
        rule += f"；不足{MIN_CELL}条答案的不予显示"
    shown = share(yes, trials) if trials >= MIN_CELL else "—"
    return [figure(f"{key}.share", f"{word}满意率", shown, "%", f"{where}：{rule}",
                   url),
            figure(f"{key}.low", f"{word}满意率95%置信区间下限", low, "%",
                   f"{where}：威尔逊（Wilson）区间，按答案条数计", url),
            figure(f"{key}.high", f"{word}满意率95%置信区间上限", high, "%",
                   f"{where}：威尔逊（Wilson）区间，按答案条数计", url)]


def remedial_figures(s: Scope) -> list[dict]:
    got = RemedialRound.objects.filter(s.under(), campaign=s.campaign).aggregate(
        remedial=Count("pk", filter=Q(kind=RemedialRound.Kind.REMEDIAL)),
        re_rectify=Count("pk", filter=Q(kind=RemedialRound.Kind.RE_RECTIFICATION)),
        closed=Count("pk", filter=Q(closed_at__isnull=False)))
    url = s.link("assessments:remedial_list")
    return [figure("remedial.remedial", "开展“补课”", got["remedial"], "次",
                   "assessments.RemedialRound：多数不满意后开展的补课", url),
            figure("remedial.re_rectify", "重新整改", got["re_rectify"], "次",
                   "assessments.RemedialRound：整改结果多数不满意后的重新整改", url),
            figure("remedial.closed", "补课或重新整改已结束", got["closed"], "次",
                   "assessments.RemedialRound：已结束的补课和重新整改", url)]

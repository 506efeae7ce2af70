"""Server-side latency and SQL query count of the pages the issue names, through Django's test
client: each page is asked for by several viewers in turn (different members, branches,
schools, districts), warmed once per viewer, then timed over repeated requests, the pages
interleaved."""

import random
import statistics
import time
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vanguard.access.models import Role, User
from vanguard.assessments.models import Assessment
from vanguard.campaigns.models import Activity, Campaign, Plan
from vanguard.opinions.models import Feedback
from vanguard.oversight.models import SupervisionGroup
from vanguard.people.models import Organization
from vanguard.rectification.models import Disclosure, RectificationPlan

K = Role.Kind
VIEWERS = 20  # different viewers per page, where the scale has that many


@dataclass
class PageResult:
    key: str
    label: str
    samples: int = 0
    p50: float | None = None  # milliseconds
    p95: float | None = None
    queries: list[int] = field(default_factory=list)  # one count per viewer
    note: str = ""

    @property
    def query_range(self) -> str:
        if not self.queries:
            return "—"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pure_members(rng: random.Random, count: int) -> list[User]:
    """Members holding no role but the member role: what most accounts are."""
    others = Role.objects.exclude(kind=K.MEMBER).values("user_id")
    ids = list(Role.objects.filter(kind=K.MEMBER).exclude(user_id__in=others)
               .values_list("user_id", flat=True).order_by("user_id"))
    return list(User.objects.filter(pk__in=rng.sample(ids, min(count, len(ids)))))


def _role_holders(rng, kind: str, where, count: int) -> list[tuple[User, Organization]]:
    roles = list(Role.objects.filter(kind=kind, organization__in=where)
                 .select_related("user", "organization").order_by("organization__path", "id"))
    seen, unique = set(), []
    for role in roles:  # one viewer per organization
        if role.organization_id not in seen:
            seen.add(role.organization_id)
            unique.append(role)
    chosen = rng.sample(unique, min(count, len(unique)))
    return [(r.user, r.organization) for r in chosen]


def page_plan(campaign: Campaign, rng: random.Random) -> list[tuple[str, str, list]]:
    """(key, label, [(user, url)]) for each page; an empty list where the scale has no
    such level (no city above a district)."""
    progress = reverse("campaigns:progress", args=[campaign.pk])
    root = campaign.organization
    branches = Organization.objects.filter(kind=Organization.Kind.BRANCH)
    tops = Organization.objects.filter(school__isnull=False).exclude(
        kind=Organization.Kind.BRANCH)
    # A city's root has district committees below it (nodes of no school); a district's root
    # has the schools themselves, and there is no city level.
    below = Organization.objects.filter(path__startswith=root.path, depth=root.depth + 1,
                                        school__isnull=True)
    if below.exists():
        districts, city = below, Organization.objects.filter(pk=root.pk)
    else:
        districts, city = Organization.objects.filter(pk=root.pk), Organization.objects.none()

    def at(kind, where):
        return [(user, f"{progress}?org={org.code}")
                for user, org in _role_holders(rng, kind, where, VIEWERS)]

    tasks = reverse("campaigns:my_tasks")
    return [
        ("member_home", "member's home page (my tasks)",
         [(u, tasks) for u in pure_members(rng, VIEWERS)]),
        ("branch", "branch progress page (branch secretary)", at(K.SECRETARY, branches)),
        ("school", "school dashboard (school office)", at(K.OFFICE, tops)),
        ("district", "district dashboard (district office)", at(K.OFFICE, districts)),
        ("city", "city dashboard (city office)", at(K.OFFICE, city)),
        *phase2_plan(campaign, rng, branches, tops, districts, city),
        *phase3_plan(campaign, rng, tops, districts),
        *oversight_plan(campaign, rng, tops, districts, city),
    ]


def phase2_plan(campaign, rng, branches, tops, districts, city) -> list[tuple[str, str, list]]:
    """Phase 2's pages (分析评议), each asked for by the role that uses it."""
    c = campaign.pk

    def holders(kind, where, url_of):
        return [(user, url_of(org)) for user, org in _role_holders(rng, kind, where, VIEWERS)]

    def coverage(org):
        return f"{reverse('talks:coverage', args=[c])}?org={org.code}"

    sorting, release = reverse("opinions:sorting", args=[c]), reverse("opinions:release",
                                                                      args=[c])
    progress = reverse("analyses:progress", args=[c])
    evaluated = branches.filter(evaluations__campaign=campaign)
    return [
        ("opinions_sorting", "opinions: sorting list (school office)",
         holders(K.OFFICE, tops, lambda _org: sorting)),
        ("opinions_release", "opinions: release page (school office)",
         holders(K.OFFICE, tops, lambda _org: release)),
        ("feedback", "opinions: a member's feedback page", _feedback_viewers(rng)),
        ("talks_branch", "talk coverage of a branch (branch secretary)",
         holders(K.SECRETARY, branches, coverage)),
        ("talks_school", "talk coverage of a school (school office)",
         holders(K.OFFICE, tops, coverage)),
        ("talks_district", "talk coverage of a district (district office)",
         holders(K.OFFICE, districts, coverage)),
        ("talks_city", "talk coverage of the city (city office)",
         holders(K.OFFICE, city, coverage)),
        ("my_talks", "a member's talks page",
         [(u, reverse("talks:my_talks", args=[c])) for u in pure_members(rng, VIEWERS)]),
        ("analyses_progress", "self-analyses progress of a school (school office)",
         holders(K.OFFICE, tops, lambda org: f"{progress}?org={org.code}")),
        ("analyses_queue", "self-analyses to review (branch secretary)",
         holders(K.SECRETARY, branches, lambda _org: reverse("analyses:queue", args=[c]))),
        ("evaluation_branch", "democratic evaluation of a branch (branch secretary)",
         holders(K.SECRETARY, evaluated, lambda org: reverse("evaluations:branch",
                                                             args=[c, org.code]))),
        ("public_school", "a school's public page (anonymous)",
         [(None, reverse("web:public_school", args=[org.code]))
          for org in rng.sample(list(tops.order_by("path")), min(VIEWERS, tops.count()))]),
    ]


def phase3_plan(campaign, rng, tops, districts) -> list[tuple[str, str, list]]:
    """Phase 3's pages (整改提高), each asked for by the role that uses it."""
    c = campaign.pk
    ledger = reverse("rectification:ledger", args=[c])
    assessed = {a.organization_id: a.pk for a in Assessment.objects.filter(campaign=campaign)}
    follow_up = dict(Activity.objects.filter(plan__campaign=campaign, kind="meetings.follow_up")
                     .values_list("plan__organization_id", "pk"))

    def holders(kind, where, url_of):
        return [(user, url_of(org)) for user, org in _role_holders(rng, kind, where, VIEWERS)]

    return [
        ("ledger_school", "rectification ledger of a school (school office)",
         holders(K.OFFICE, tops, lambda _org: ledger)),
        ("ledger_district", "rectification ledger of a district (district office)",
         holders(K.OFFICE, districts, lambda _org: ledger)),
        ("member_plan", "a member's rectification plan", _plan_viewers(rng)),
        ("public_disclosure", "a school's disclosure of its rectification (anonymous)",
         _disclosure_viewers(rng)),
        ("assessment_results", "satisfaction assessment results (school office)",
         holders(K.OFFICE, tops.filter(pk__in=list(assessed)),
                 lambda org: reverse("assessments:results", args=[assessed[org.pk]]))),
        ("summary_report", "summary report of a school (school office)",
         _report_viewers(campaign, rng, tops)),
        ("follow_up", "follow-up meeting step of a school (school office)",
         holders(K.OFFICE, tops, lambda org: reverse("meetings:follow_up_for_activity",
                                                     args=[follow_up[org.pk]]))),
    ]


def oversight_plan(campaign, rng, tops, districts, city) -> list[tuple[str, str, list]]:
    """Issue 9's pages (leadership, supervision, coverage, publicity, calendar, survey), on
    the records `bench.oversight` adds, each asked for by the role that uses it."""
    from vanguard.campaigns.services import feeds
    from vanguard.publicity.models import NewsItem
    from vanguard.surveys.models import Survey

    c = campaign.pk

    def holders(kind, where, url_of):
        return [(user, url_of(org)) for user, org in _role_holders(rng, kind, where, VIEWERS)]

    def flags(org):
        return f"{reverse('oversight:supervision_flags', args=[c])}?org={org.code}"

    group_members = [(person.user, reverse("oversight:supervision_group", args=[group.pk]))
                     for group in SupervisionGroup.objects.filter(campaign=campaign)
                     .prefetch_related("members__user").order_by("pk")
                     for person in group.members.all()]
    # The public page and feed: the campaign's own and those of schools that published news.
    with_news = sorted(set(NewsItem.objects.filter(campaign=campaign, status="published")
                           .values_list("organization__code", flat=True)))
    codes = rng.sample(with_news, min(VIEWERS, len(with_news)))
    root = campaign.organization.code

    def public(name):
        return [(None, reverse(name, args=[c]) + (f"?org={code}" if code != root else ""))
                for code in codes]

    surveyed = dict(Survey.objects.filter(campaign=campaign, state="closed")
                    .values_list("organization_id", "pk"))
    # A feed address for each of 20 members (made here: only its hash is stored).
    feed_viewers = [(None, reverse("campaigns:calendar_feed",
                                   kwargs={"token": feeds.create_feed(actor=user)}))
                    for user in pure_members(rng, VIEWERS)]
    return [
        ("flags_district", "red flags of a district (district office)",
         holders(K.OFFICE, districts, flags)),
        ("flags_city", "red flags of the city (city office)", holders(K.OFFICE, city, flags)),
        ("leading_groups", "leading groups of a district (district office)",
         holders(K.OFFICE, districts,
                 lambda _org: reverse("oversight:leading_groups", args=[c]))),
        ("supervision_group", "a supervision group's page (group member)",
         rng.sample(group_members, min(VIEWERS, len(group_members)))),
        ("coverage_school", "graduates' coverage of a school (school office)",
         holders(K.OFFICE, tops, lambda _org: reverse("oversight:coverage", args=[c]))),
        ("public_campaign", "public campaign page (anonymous)", public("publicity:public")),
        ("public_rss", "public campaign RSS feed (anonymous)", public("publicity:feed_rss")),
        ("my_calendar", "a member's calendar page",
         [(u, reverse("campaigns:my_calendar")) for u in pure_members(rng, VIEWERS)]),
        ("calendar_feed", "a member's iCal feed (.ics, secret address)", feed_viewers),
        ("survey_results", "preparation survey results (school office)",
         holders(K.OFFICE, tops.filter(pk__in=list(surveyed)),
                 lambda org: reverse("surveys:results", args=[surveyed[org.pk]]))),
    ]


def _plan_viewers(rng) -> list[tuple[User, str]]:
    """Members holding no other role, on their own approved plan's page."""
    others = Role.objects.exclude(kind=K.MEMBER).values("user_id")
    rows = list(RectificationPlan.objects.filter(owner_kind="member", status="approved")
                .exclude(person__user_id__in=others).order_by("pk")
                .values_list("pk", "person__user_id"))
    chosen = rng.sample(rows, min(VIEWERS, len(rows)))
    users = User.objects.in_bulk([user_id for _pk, user_id in chosen])
    return [(users[user_id], reverse("rectification:plan_detail", args=[pk]))
            for pk, user_id in chosen]


def _disclosure_viewers(rng) -> list[tuple[None, str]]:
    """Anonymous visitors on a school's first snapshot (superseded in some schools)."""
    rows = list(Disclosure.objects.filter(number=1).order_by("organization__path")
                .values_list("organization__code", "number"))
    return [(None, reverse("rectification:public_detail", args=[code, number]))
            for code, number in rng.sample(rows, min(VIEWERS, len(rows)))]


def _report_viewers(campaign, rng, tops) -> list[tuple[User, str]]:
    """School offices on their summary report, generated here through the service where the
    school has none yet. The first school is left out: `bench.report_timing` generates its
    report (and rolls it back) to time it."""
    from vanguard.reports.models import SummaryReport
    from vanguard.reports.services import generate_report

    first = Plan.objects.filter(campaign=campaign, derived_from__isnull=False) \
        .order_by("organization__path").values("organization_id")[:1]
    viewers = []
    for user, org in _role_holders(rng, K.OFFICE, tops.exclude(pk__in=first), VIEWERS):
        report = SummaryReport.objects.filter(campaign=campaign, organization=org).first() \
            or generate_report(actor=user, campaign=campaign, organization=org)
        viewers.append((user, reverse("reports:detail", args=[report.pk])))
    return viewers


def _feedback_viewers(rng) -> list[tuple[User, str]]:
    """Members whose feedback is released with opinions, on their feedback's page."""
    rows = list(Feedback.objects.filter(released_on__isnull=False, subject_kind="member",
                                        opinions__isnull=False,
                                        subject_person__user__isnull=False)
                .distinct().order_by("pk").values_list("pk", "subject_person__user_id"))
    chosen = rng.sample(rows, min(VIEWERS, len(rows)))
    users = User.objects.in_bulk([user_id for _pk, user_id in chosen])
    return [(users[user_id], reverse("opinions:feedback", args=[pk])) for pk, user_id in chosen]


def _prepare(result: PageResult, viewers: list) -> list[tuple[Client, str]]:
    """A logged-in client per viewer, warmed by one request; its query count from a second."""
    clients = []
    for user, url in viewers:
        client = Client()
        if user is not None:  # None: an anonymous visitor
            client.force_login(user)
        response = client.get(url)  # warm: the session, the template cache, the plan cache
        if response.status_code != 200:
            raise RuntimeError(f"{result.label}: {url} answered {response.status_code} "
                               f"for {user}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        result.queries.append(len(queries.captured_queries))
        clients.append((client, url))
    return clients


def measure_pages(campaign: Campaign, *, requests: int = 200, max_seconds: float = 30,
                  seed: int = 7, log=print) -> list[PageResult]:
    """Every page `requests` times (or until `max_seconds` a page have passed), the pages
    interleaved request by request, so that a burst of load elsewhere on the machine falls
    on all of them alike rather than on whichever page was being measured."""
    rng = random.Random(seed)
    results, measured = [], []
    for key, label, viewers in page_plan(campaign, rng):
        result = PageResult(key=key, label=label)
        results.append(result)
        if not viewers:
            result.note = "no such level at this scale"
            continue
        measured.append((result, _prepare(result, viewers), []))
    deadline = time.perf_counter() + max_seconds * max(len(measured), 1)
    for n in range(requests):
        if time.perf_counter() > deadline:
            break
        for result, clients, times in measured:
            client, url = clients[n % len(clients)]
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{result.label}: {url} answered {response.status_code}")
    for result, _clients, times in measured:
        result.samples = len(times)
        result.p50 = statistics.median(times)
        result.p95 = percentile(times, 0.95)
    for result in results:
        viewers = len(result.queries)
        log(f"  {result.label}: p50 {_ms(result.p50)}, p95 {_ms(result.p95)}, "
            f"queries {result.query_range} ({result.samples} requests, {viewers} viewers)"
            + (f" — {result.note}" if result.note else ""))
    return results


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} ms"

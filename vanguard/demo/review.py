"""Phase 2b in the demo school: self-analyses up the review chain, the special meetings, the
package sent up and the public notice. (The democratic evaluation is in evaluation.py.)

The story, in days of the review phase (see school.py; today is day 34):
- days 14–19: every member of branch B1 hands in an analysis, drawn from the sentence pools
  of review_texts and linked to the opinions fed back to them; days 20–23 their reviewers
  (the chain from the tree: B1's secretary, the principal for the team, a team member for
  a department head, the district office for the principal, the school's office for the
  head of a department no team member oversees) approve them. One is returned with comments on two
  sections, handed in again and approved.
- Branch B2 is behind: ten handed in, five approved, one returned and not yet handed in
  again, four waiting in the secretary's queue; three drafts, the rest not started. Its
  secretary's own analysis waits for the principal. B3–B5: two waiting each, one draft.
- day 26: B1's special organizational-life meeting (one member away on training), with
  attendance, self-criticisms, criticisms and minutes; days 27–30 seven members hand in
  their revised (final) versions.
- day 28: the team's democratic-life meeting; three leaders revise on days 29–30 (the
  principal's revision is still missing, and the gate names it); day 31 the
  office sends the material package to the district, which has not acknowledged it yet (the
  district office's login has it to do); day 32 the notice on the school's public page.
"""

from vanguard.access.models import Role
from vanguard.analyses import services as analyses
from vanguard.analyses.models import SelfAnalysis
from vanguard.analyses.services.sections import fed_back_opinions, sections_of
from vanguard.core import clock
from vanguard.demo import review_texts as texts
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.meetings import services_special as meetings
from vanguard.meetings.models import Attendance
from vanguard.people.models import Person

HANDED_IN, REVIEWED, ORG_LIFE, DEMOCRATIC_LIFE = 14, 20, 26, 28
REVISED_IN_B1 = (8, 9, 10, 11, 13, 14, 15)  # members of B1 who revised after the meeting
RETURNED_IN_B1 = 12


def run_review(school: DemoSchool) -> None:
    write_first_branch(school)
    write_other_branches(school)
    hold_org_life(school)
    hold_democratic_life(school)


# --- analyses ----------------------------------------------------------------------------

def sections_for(school: DemoSchool, person: Person) -> dict[str, str]:
    specs = sections_of(school.step("self_analysis"))
    return {spec.key: texts.compose(spec.key, spec.min_characters, person.pk * 7 + n)
            for n, spec in enumerate(specs)}


def hand_in(school: DemoSchool, person: Person, day: int) -> SelfAnalysis:
    """Start and hand in on `day`; the problems section answers the opinions fed back."""
    with on_day(school.day(day)):
        analysis = analyses.start_analysis(actor=person.user, campaign=school.campaign)
        linked = [str(pk) for pk in fed_back_opinions(person, school.campaign)
                  .order_by("text").values_list("pk", flat=True)]
        # One fed-back opinion left unlinked where there are several, so the page's
        # "opinions no section addresses" has something to show.
        links = {"problems": linked[:-1] if len(linked) > 2 else linked}
        return analyses.submit_analysis(actor=person.user, analysis=analysis,
                                        version=analysis.version,
                                        sections=sections_for(school, person),
                                        opinion_links=links)


def draft(school: DemoSchool, person: Person, day: int) -> SelfAnalysis:
    """Two sections typed so far: the draft saved as the member types."""
    with on_day(school.day(day)):
        analysis = analyses.start_analysis(actor=person.user, campaign=school.campaign)
        full = sections_for(school, person)
        return analyses.save_draft(actor=person.user, analysis=analysis,
                                   version=analysis.version,
                                   sections={k: full[k] for k in ("study", "example")})


def reviewer_of(analysis: SelfAnalysis):
    """The reviewer fixed at hand-in, or a user of the reviewing office."""
    if analysis.reviewer is not None:
        return analysis.reviewer
    return Role.objects.filter(kind=Role.Kind.OFFICE, organization=analysis.reviewer_office) \
        .select_related("user").order_by("id").first().user


def review(school: DemoSchool, analysis: SelfAnalysis, day: int, *, approve: bool = True):
    analysis.refresh_from_db()
    number = analysis.versions.order_by("-number").values_list("number", flat=True).first()
    with on_day(school.day(day)):
        if approve:
            return analyses.review_analysis(actor=reviewer_of(analysis), analysis=analysis,
                                            version=number, decision="approve",
                                            comment=texts.APPROVE_COMMENT)
        return analyses.review_analysis(actor=reviewer_of(analysis), analysis=analysis,
                                        version=number, decision="return",
                                        comments=texts.RETURN_COMMENTS,
                                        comment=texts.RETURN_COMMENT)


def hand_in_again(school: DemoSchool, analysis: SelfAnalysis, day: int) -> SelfAnalysis:
    """The returned analysis with the problems made concrete, as the reviewer asked."""
    analysis.refresh_from_db()
    sections = dict(analysis.sections)
    sections["problems"] += ("<p>具体表现在：上课时曾接听手机，影响了课堂秩序；布置家庭作业时"
                             "要求家长批改签字，把教师的责任转给了家长。</p>")
    with on_day(school.day(day)):
        return analyses.submit_analysis(actor=analysis.person.user, analysis=analysis,
                                        version=analysis.version, sections=sections)


def revise(school: DemoSchool, person: Person, day: int) -> SelfAnalysis:
    """After the meeting (修改完善): the criticisms taken in, handed in as final."""
    analysis = SelfAnalysis.objects.get(campaign=school.campaign, person=person)
    with on_day(school.day(day)):
        analysis = analyses.start_revision(actor=person.user, analysis=analysis)
        sections = dict(analysis.sections)
        sections["direction"] += texts.REVISION
        return analyses.submit_revision(actor=person.user, analysis=analysis,
                                        version=analysis.version, sections=sections)


def write_first_branch(school: DemoSchool) -> None:
    people = school.members[0]
    handed = [hand_in(school, person, HANDED_IN + n % 6) for n, person in enumerate(people)]
    for n, analysis in enumerate(handed):
        review(school, analysis, REVIEWED + n % 3, approve=n != RETURNED_IN_B1)
    hand_in_again(school, handed[RETURNED_IN_B1], REVIEWED + 2)
    review(school, handed[RETURNED_IN_B1], REVIEWED + 3)


def write_other_branches(school: DemoSchool) -> None:
    people = school.members[1]
    handed = [hand_in(school, person, HANDED_IN + 1 + n % 6)
              for n, person in enumerate(people[:10])]
    for n, analysis in enumerate(handed[:6]):
        review(school, analysis, REVIEWED + 1 + n % 2, approve=n != 5)
    for n, person in enumerate(people[10:13]):
        draft(school, person, HANDED_IN + n)
    hand_in(school, school.secretary(1), HANDED_IN + 4)
    for index in range(2, len(school.branches)):
        for n, person in enumerate(school.members[index][:2]):
            hand_in(school, person, HANDED_IN + 2 + n)
        draft(school, school.members[index][2], HANDED_IN + 3)


# --- the special meetings ------------------------------------------------------------------

def _held_at(school: DemoSchool, day: int, hour: int):
    return clock.day_start(school.day(day)).replace(hour=hour)


def hold(meeting, actor, people: list[Person], criticisms: list[str], minutes: str) -> None:
    """Everyone present with their self-criticism; criticisms go round the table; minutes."""
    for person in people:
        meetings.record_special_attendance(actor=actor, meeting=meeting, person_id=person.pk,
                                           status=Attendance.Status.PRESENT)
        meetings.record_self_criticism(actor=actor, meeting=meeting, person_id=person.pk)
    for n, summary in enumerate(criticisms):
        critic, target = people[n % len(people)], people[(n + 1) % len(people)]
        meetings.record_criticism(actor=actor, meeting=meeting, critic_id=critic.pk,
                                  target_id=target.pk, summary=summary,
                                  accepted=None if n == len(criticisms) - 1 else True)
    meetings.record_minutes(actor=actor, meeting=meeting, text=minutes)


def hold_org_life(school: DemoSchool) -> None:
    """Branch B1's meeting: all of it reviewed, so all of it present but one, away on
    study leave; then seven of them revise."""
    secretary, branch = school.secretary(0).user, school.branches[0]
    step = school.step("org_life_meeting")
    with on_day(school.day(REVIEWED + 2)):
        meeting = meetings.schedule_special_meeting(
            actor=secretary, activity=step, organization=branch,
            held_at=_held_at(school, ORG_LIFE, 15), title=f"{branch.name}专题组织生活会",
            place="语文教研组办公室")
    away = school.members[0][7]
    present = [person for person in school.members[0] if person.pk != away.pk]
    with on_day(school.day(ORG_LIFE), hour=17):
        meetings.record_special_attendance(actor=secretary, meeting=meeting, person_id=away.pk,
                                           status=Attendance.Status.ABSENT,
                                           absence_reason="外出参加省级骨干教师培训")
        minutes = texts.ORG_LIFE_MINUTES.format(branch=branch.name, place="语文教研组办公室",
                                                day=f"{school.day(ORG_LIFE):%Y年%m月%d日}")
        hold(meeting, secretary, present[4:] + present[:4], texts.CRITICISMS, minutes)
    for n, number in enumerate(REVISED_IN_B1):
        revise(school, school.members[0][number], ORG_LIFE + 1 + n % 4)


def hold_democratic_life(school: DemoSchool) -> None:
    """The team's meeting, its package sent up (waiting for the district) and its notice."""
    office, top = school.office, school.top
    step = school.step("democratic_life_meeting")
    day = f"{school.day(DEMOCRATIC_LIFE):%Y年%m月%d日}"
    with on_day(school.day(REVIEWED + 3)):
        meeting = meetings.schedule_special_meeting(
            actor=office, activity=step, organization=top,
            held_at=_held_at(school, DEMOCRATIC_LIFE, 9),
            title="领导班子专题民主生活会", place="党委会议室", duration_minutes=180)
    with on_day(school.day(DEMOCRATIC_LIFE), hour=13):
        hold(meeting, office, [leader.person for leader in school.leaders],
             texts.LEADER_CRITICISMS, texts.DEMOCRATIC_LIFE_MINUTES.format(org=top.name, day=day))
    for n, leader in enumerate(school.leaders):
        if n:  # the principal's revision is still to come: the gate lists it by name
            revise(school, leader.person, DEMOCRATIC_LIFE + 1 + n % 2)
    with on_day(school.day(DEMOCRATIC_LIFE + 3)):
        meetings.submit_package(actor=office, meeting=meeting)
    with on_day(school.day(DEMOCRATIC_LIFE + 4)):
        meetings.publish_meeting_notice(actor=office, meeting=meeting,
                                        title=texts.NOTICE_TITLE.format(org=top.name),
                                        body=texts.NOTICE_BODY.format(org=top.name, day=day))

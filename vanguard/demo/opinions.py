"""Phase 2a's opinions in the demo school: gathered on every channel, sorted, fed back.

What the demo shows, and the days it happens on (days of the review phase, see school.py):
- days 1–11: two symposia (the school's, with retired cadres, democratic-party members and
  non-member staff; branch B1's, with students and parents), individual talks, the opinion
  box, paper forms and hotline calls typed in, members' web opinions (named and anonymous)
  and the public form. Every channel and every source group has opinions. Anonymous ones
  cost a slow receipt hash each, so there are thirteen.
- day 12: the office sorts: a neutral summary for each, one duplicate merged, one off-topic
  slip set aside, two opinions about branches B2 and B3 left for later (so the sorting list
  has work in it).
- day 13: feedback released to every member of branch B1 (those with no opinions get the
  "none received" feedback), to the four leaders, the team, the party organization and
  branch B1. Branches B2–B5 are not released yet: the gate shows the share.
- days 14–17: some members read theirs and respond; some have not opened it.
Everything goes through the services, as the pages would, on the day it happens
(timeline.on_day).
"""

from vanguard.demo.opinion_texts import OPINIONS, RESPONSES, Said
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.opinions.models import Feedback, Intake, Opinion
from vanguard.opinions.services import feedback, intake, sorting

# The day (of the review phase) each channel's opinions arrive; web and public spread out.
CHANNEL_DAYS = {"sym1": 3, "sym2": 5, "talk": 6, "box": 8, "form": 9, "hotline": 4}
SPREAD_FIRST, SPREAD_DAYS = 1, 11
SORTING_DAY, RELEASE_DAY, READING_DAY = 12, 13, 14
STAFF_CHANNELS = {"sym1": "symposium", "sym2": "symposium", "talk": "talk", "box": "box",
                  "form": "form", "hotline": "hotline"}


def run_opinions(school: DemoSchool) -> None:
    the_intake = Intake.objects.select_related("activity__phase", "organization", "campaign") \
        .get(activity=school.step("opinion_intake"))
    symposia = hold_symposia(school, the_intake)
    given = [give(school, the_intake, said, index, symposia)
             for index, said in enumerate(OPINIONS)]
    with on_day(school.day(SORTING_DAY)):
        sort(school, given)
    with on_day(school.day(RELEASE_DAY)):
        release(school)
    read(school)


def hold_symposia(school: DemoSchool, the_intake: Intake) -> dict:
    secretary = school.secretary(0).user
    with on_day(school.day(CHANNEL_DAYS["sym1"])) as day:
        school_symposium = intake.record_symposium(
            actor=school.office, intake=the_intake, organization=school.top, held_on=day,
            attendance=20, attendees="离退休老同志6人，民主党派人士4人，非党员教职工代表10人")
    with on_day(school.day(CHANNEL_DAYS["sym2"])) as day:
        branch_symposium = intake.record_symposium(
            actor=secretary, intake=the_intake, organization=school.branches[0], held_on=day,
            attendance=14, attendees="学生代表8人，家长代表6人")
    return {"sym1": (school.office, school_symposium), "sym2": (secretary, branch_symposium)}


def _web_giver(school: DemoSchool, index: int):
    """A member of the first two branches (not a leader), different from one opinion to the
    next: the givers of the web form."""
    people = school.members[0][8:15] + school.members[1][:10]
    return people[index % len(people)].user


def give(school: DemoSchool, the_intake: Intake, said: Said, index: int,
         symposia: dict) -> tuple[Said, Opinion]:
    """One opinion on its channel, on its day."""
    day = CHANNEL_DAYS.get(said.channel, SPREAD_FIRST + index % SPREAD_DAYS)
    fields = {"subject": school.subject(said.subject), "category": said.category,
              "text": said.text, "source_group": said.group}
    with on_day(school.day(day)) as today:
        if said.channel == "public":
            opinion = intake.submit_public_opinion(intake=the_intake, **fields).opinion
        elif said.channel in ("web", "web_anon"):
            opinion = intake.submit_opinion(actor=_web_giver(school, index), intake=the_intake,
                                            anonymous=said.channel == "web_anon",
                                            **fields).opinion
        else:
            actor, symposium = symposia.get(said.channel, (None, None))
            if said.channel == "talk" and said.subject.startswith("b1:"):
                actor = school.secretary(0).user  # the branch secretary's own talks
            opinion = intake.enter_opinion(
                actor=actor or school.office, intake=the_intake,
                channel=STAFF_CHANNELS[said.channel], received_on=today,
                anonymous=not said.giver, giver_name=said.giver, symposium=symposium, **fields)
    return said, opinion


def sort(school: DemoSchool, given: list[tuple[Said, Opinion]]) -> None:
    """Summaries, one merge, one setting aside; "wait" stays unsorted."""
    previous = None
    for said, opinion in given:
        if said.fate == "sort":
            sorting.write_summary(actor=school.office, opinion=opinion, summary=said.summary)
        elif said.fate == "merge":
            sorting.merge_opinions(actor=school.office, keep=previous, duplicates=[opinion])
        elif said.fate == "aside":
            sorting.set_aside(actor=school.office, opinion=opinion, reason=said.summary)
        previous = opinion


def release(school: DemoSchool) -> None:
    """Branch B1's members, the leaders, and the school's own subjects."""
    campaign, office = school.campaign, school.office
    feedback.release_feedback_for_branch(actor=office, campaign=campaign,
                                         branch=school.branches[0])
    tokens = [f"leader:{leader.person_id}" for leader in school.leaders]
    tokens += ["team", "party_org", f"branch:{school.branches[0].pk}"]
    for token in tokens:
        feedback.release_feedback(actor=office, campaign=campaign,
                                  subject_token_or_resolved=token, top=school.top)


def read(school: DemoSchool) -> None:
    """Who has read what: members 9, 10, 13 and 14 of B1 and two leaders read everything
    (some respond, see RESPONSES); member 11 has read one of three; members 8 and 12 have
    not looked yet; two members with no opinions acknowledged the empty feedback."""
    readers = [("b1:9", False), ("b1:10", False), ("b1:13", False), ("b1:14", False),
               ("b1:11", True), ("principal", False), ("leader:1", False)]
    for offset, (key, only_one) in enumerate(readers):
        person = school.person(key)
        word, response = RESPONSES.get(key, ("", ""))
        with on_day(school.day(READING_DAY + offset % 4)):
            rows = list(Opinion.objects.filter(feedback__subject_person=person,
                                               feedback__campaign=school.campaign)
                        .order_by("received_on", "text"))
            for opinion in rows[:1] if only_one else rows:
                if word and word in opinion.text:
                    feedback.respond(actor=person.user, opinion=opinion, response=response)
                else:
                    feedback.mark_read(actor=person.user, opinion=opinion)
    with on_day(school.day(READING_DAY + 1)):
        for key in ("b1:5", "b1:6"):
            person = school.person(key)
            empty = Feedback.objects.get(campaign=school.campaign, subject_kind="member",
                                         subject_person=person)
            feedback.acknowledge_feedback(actor=person.user, feedback=empty)

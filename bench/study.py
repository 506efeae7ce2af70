"""A school's phase 1 records twenty days in: the mobilization meeting and who came, study
sessions and the hours ledger, readings, notes, reflections, the discussion, and reminders.

Each member's tasks are decided by these records, as the study and meeting services would
decide them, so that pages, gates and the roll-up agree with the ledgers."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from bench import texts
from vanguard.campaigns.models import Assignment, Notification
from vanguard.meetings.models import Attendance, Meeting
from vanguard.study.models import (
    Discussion,
    HoursEntry,
    HoursExemption,
    Post,
    ReadingMark,
    ReadingNote,
    Reflection,
    StudySession,
)

DONE, PENDING, EXCUSED = (Assignment.Status.DONE, Assignment.Status.PENDING,
                          Assignment.Status.EXCUSED)
COUNTED = ("submitted", "accepted")
MEETING_DAY, MEETING_HOUR = 2, 15
MAKEUP_MATERIAL = "动员大会讲话稿及录像：学校党委办公室网盘“先进性教育”目录。"


def open_tables(g) -> None:
    g.sink.table(Meeting, ["id", "kind", "activity_id", "organization_id", "title", "held_at",
                           "place", "speaker", "duration_minutes", "sign_in_secret",
                           "makeup_material"])
    g.sink.table(Attendance, ["id", "meeting_id", "person_id", "invited_only", "status",
                              "absence_reason", "assignment_id", "signed_in_at",
                              "makeup_done_at"])
    g.sink.table(StudySession, ["id", "activity_id", "organization_id", "kind", "title",
                                "held_on", "hours", "place", "speaker"])
    g.sink.table(HoursEntry, ["id", "campaign_id", "person_id", "organization_id", "session_id",
                              "kind", "title", "studied_on", "hours", "source",
                              "recorded_by_id"])
    g.sink.table(HoursExemption, ["id", "campaign_id", "person_id", "reason", "granted_by_id"])
    g.sink.table(ReadingMark, ["id", "item_id", "person_id", "read_at"])
    writing = ["id", "campaign_id", "person_id", "organization_id", "title", "body",
               "characters", "status", "submitted_at", "review_comment", "reviewed_by_id"]
    g.sink.table(ReadingNote, [*writing, "item_id"])
    g.sink.table(Reflection, writing)
    g.sink.table(Discussion, ["id", "campaign_id", "organization_id", "question", "is_open"])
    g.sink.table(Post, ["id", "discussion_id", "author_id", "organization_id", "parent_id",
                        "text", "hidden", "hidden_reason", "hidden_by_id"])
    g.sink.table(Notification, ["id", "person_id", "text", "url", "key", "created_at",
                                "read_at"])


def add_school_work(g, c, people, plan) -> dict[int, dict[str, tuple]]:
    """person id -> activity key -> (status, done at, assignment id or None)."""
    outcomes: dict[int, dict[str, tuple]] = defaultdict(dict)
    _meeting(g, people, plan["mobilization_meeting"].id, outcomes)
    _hours(g, c, people, plan["organized_study"].id, outcomes)
    _reading(g, c, people, outcomes)
    _reflections(g, c, people, outcomes)
    _discussion(g, c, people, outcomes)
    _reminders(g, people, outcomes)
    return outcomes


def _meeting(g, people, activity_id: int, outcomes) -> None:
    rng = g.rng
    meeting_id = g.sink.next_id(Meeting)
    held_at = g.at(MEETING_DAY, MEETING_HOUR)
    g.sink.tables[Meeting].add(
        meeting_id, Meeting.Kind.MOBILIZATION, activity_id, people.top.id,
        f"{people.name}先进性教育活动动员大会", held_at, "学校礼堂", "党委书记", 120,
        f"{rng.getrandbits(256):064x}", MAKEUP_MATERIAL)
    attendance = g.sink.tables[Attendance]
    invited = [(m.person_id, m.diligence, False, m.user_id, m.login) for m in people.members]
    invited += [(person_id, 0.8, True, None, "") for person_id, _org in people.activists]
    office = (people.office_user_id, f"office-{people.code}")
    for person_id, diligence, invited_only, user_id, login in invited:
        roll = rng.random()
        status, reason, signed_in, makeup = "expected", "", None, None
        if roll < 0.80 + 0.1 * diligence:
            status = "present"
            if user_id and rng.random() < 0.6:  # scanned the code on the screen
                signed_in = held_at + dt.timedelta(minutes=rng.randint(-25, 10))
        elif roll < 0.96 and not invited_only:
            status, reason = "absent", rng.choice(texts.ABSENCE_REASONS)
            if rng.random() < 0.5:
                makeup = held_at + dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(1, 6))
        assignment_id, attendance_id = g.sink.next_id(Assignment), g.sink.next_id(Attendance)
        attendance.add(attendance_id, meeting_id, person_id, invited_only, status, reason,
                       assignment_id, signed_in, makeup)
        done_at = signed_in or (held_at + dt.timedelta(hours=3) if status == "present"
                                else makeup)
        outcomes[person_id]["mobilization_meeting"] = (DONE if done_at else PENDING, done_at,
                                                       assignment_id)
        if status != "expected":
            action = "signed_in" if signed_in else "recorded"
            actor, label = (user_id, login) if signed_in else office
            g.audit(actor, label, f"meetings.attendance.{action}", "meetings.attendance",
                    attendance_id,
                    f"{people.name}动员大会", {"status": ["expected", status]},
                    signed_in or held_at + dt.timedelta(hours=3))


def _session_days(g, count: int) -> list[dt.date]:
    last = g.day_index
    return [g.starts_on + dt.timedelta(days=round(i * (last - 1) / max(count - 1, 1)))
            for i in range(count)]


def _hours(g, c, people, activity_id: int, outcomes) -> None:
    """Sessions of the school and of each branch; members attend as diligent as they are,
    and log self-study besides. A quarter of the schools keep organized hours in Excel and
    import them, so those lines have no session."""
    rng, sink = g.rng, g.sink
    imported = rng.random() < 0.25
    school_sessions = []
    for (title, kind, hours), day in zip(texts.SESSIONS, _session_days(g, len(texts.SESSIONS)),
                                         strict=True):
        session_id = None
        if not imported:
            session_id = sink.next_id(StudySession)
            sink.tables[StudySession].add(session_id, activity_id, people.top.id, kind, title,
                                          day, Decimal(hours), "学校会议室", "")
        school_sessions.append((session_id, kind, title, day, Decimal(hours)))
    branch_sessions = defaultdict(list)
    for branch in people.branches:
        for (title, kind, hours), day in zip(texts.BRANCH_SESSIONS,
                                             (g.day(g.day_index - 5), g.day(g.day_index - 2)),
                                             strict=True):
            session_id = sink.next_id(StudySession)
            sink.tables[StudySession].add(session_id, activity_id, branch.id, kind, title, day,
                                          Decimal(hours), "支部活动室", "")
            branch_sessions[branch.id].append((session_id, kind, title, day, Decimal(hours)))
    entries = sink.tables[HoursEntry]
    minimum = Decimal(str(c.settings["organized_study"].get("min_hours", 40)))
    for m in people.members:
        organized, attended, last_day = Decimal(0), 0, None
        for session_id, kind, title, day, hours in school_sessions + branch_sessions[m.branch.id]:
            if rng.random() < m.diligence:
                source = "session" if session_id else "import"
                entries.add(sink.next_id(HoursEntry), c.id, m.person_id, m.branch.id,
                            session_id, kind, title, day, hours, source, people.office_user_id)
                organized += hours
                attended += 1
                if organized >= minimum and last_day is None:
                    last_day = day
        for _ in range(max(0, round(rng.gauss(g.scale.hours_per_member - attended, 3)))):
            entries.add(sink.next_id(HoursEntry), c.id, m.person_id, m.branch.id, None, "self",
                        rng.choice(texts.SELF_STUDY), g.day(rng.randint(0, g.day_index - 1)),
                        Decimal(rng.choice(("0.5", "1.0", "1.5", "2.0"))), "self", m.user_id)
        if rng.random() < 0.01:  # long illness: exempt, with the reason on record
            sink.tables[HoursExemption].add(sink.next_id(HoursExemption), c.id, m.person_id,
                                            "长期病休，经党委批准免修集中学习学时",
                                            people.office_user_id)
            outcomes[m.person_id]["organized_study"] = (EXCUSED, None, None)
        elif last_day is not None:
            outcomes[m.person_id]["organized_study"] = (DONE, g.local(last_day, 20), None)


def _writing(g, c, people, m, table, count: int, body_of, minimum: int, item=None) -> int:
    """`count` pieces by member `m`; returns how many count towards the task."""
    rng, counted = g.rng, 0
    for i in range(count):
        roll = rng.random()
        status = ("accepted" if roll < 0.35 else "submitted" if roll < 0.8 else
                  "returned" if roll < 0.88 else "draft")
        body, characters = g.texts.draft() if status == "draft" else body_of()
        submitted = None if status == "draft" else g.at(rng.randint(g.day_index - 8,
                                                                     g.day_index - 1), 21)
        comment = "请结合本职工作再作修改" if status == "returned" else \
            "认真" if status == "accepted" else ""
        reviewer = people.office_user_id if status in ("accepted", "returned") else None
        row = [g.sink.next_id(table.model), c.id, m.person_id, m.branch.id,
               f"学习体会（{i + 1}）" if item is None else f"{item[1]}读书笔记",
               body, characters, status, submitted, comment, reviewer]
        if item is not None:
            row.append(item[0])
        table.add(*row)
        counted += status in COUNTED and characters >= minimum
    return counted


def _reading(g, c, people, outcomes) -> None:
    rng, sink = g.rng, g.sink
    settings = c.settings["reading_notes"]
    min_count, minimum = settings.get("min_count", 1), settings.get("min_characters", 0)
    titles = dict((title, required) for title, _s, required in texts.READINGS)
    items = [(item_id, title) for (item_id, _r), (title, _s, _q) in zip(
        c.readings, texts.READINGS, strict=True)]
    for m in people.members:
        read_all = True
        for item_id, title in items:
            if rng.random() < (min(1.0, m.diligence + 0.15) if titles[title] else 0.3):
                sink.tables[ReadingMark].add(sink.next_id(ReadingMark), item_id, m.person_id,
                                             g.at(rng.randint(3, g.day_index - 1), 20))
            elif titles[title]:
                read_all = False
        count = rng.choice((2, 2, 3)) if rng.random() < m.diligence else rng.choice((0, 1))
        counted = 0
        for _ in range(count):
            counted += _writing(g, c, people, m, sink.tables[ReadingNote], 1, g.texts.note,
                                minimum, item=rng.choice(items))
        if read_all and counted >= min_count:
            outcomes[m.person_id]["reading_notes"] = (DONE, g.at(g.day_index - 1, 21), None)


def _reflections(g, c, people, outcomes) -> None:
    settings = c.settings["reflection"]
    min_count, minimum = settings.get("min_count", 1), settings.get("min_characters", 0)
    for m in people.members:
        count = 1 if g.rng.random() < m.diligence - 0.4 else 0
        if _writing(g, c, people, m, g.sink.tables[Reflection], count, g.texts.reflection,
                    minimum) >= min_count:
            outcomes[m.person_id]["reflection"] = (DONE, g.at(g.day_index - 1, 22), None)


def _discussion(g, c, people, outcomes) -> None:
    rng, sink = g.rng, g.sink
    discussion_id = sink.next_id(Discussion)
    sink.tables[Discussion].add(discussion_id, c.id, people.top.id, texts.QUESTION, True)
    posts, posted = sink.tables[Post], []
    for m in people.members:
        if rng.random() < m.diligence - 0.4:
            post_id = sink.next_id(Post)
            hidden = rng.random() < 0.01
            posts.add(post_id, discussion_id, m.person_id, m.branch.id, None, g.texts.post(),
                      hidden, "与讨论主题无关" if hidden else "",
                      people.office_user_id if hidden else None)
            posted.append(post_id)
            if not hidden:
                outcomes[m.person_id]["big_discussion"] = (DONE, g.at(g.day_index - 3, 20), None)
    for parent in posted:
        if rng.random() < 0.25:
            m = rng.choice(people.members)
            posts.add(sink.next_id(Post), discussion_id, m.person_id, m.branch.id, parent,
                      g.texts.post(), False, "", None)
            outcomes[m.person_id]["big_discussion"] = (DONE, g.at(g.day_index - 2, 20), None)


def _reminders(g, people, outcomes) -> None:
    """The daily digest to members whose meeting task is still open (due on day 6): one a
    day from three days before it was due, as `send_reminders` sends them."""
    table = g.sink.tables[Notification]
    due = g.day(6)
    for m in people.members:
        if outcomes[m.person_id]["mobilization_meeting"][0] == DONE:
            continue
        for day_index in range(3, g.day_index + 1):
            day = g.day(day_index)
            text = (f"您有1项任务待完成，最早一项已于{due.isoformat()}到期。" if day > due
                    else f"您有1项任务待完成，最近一项将于{due.isoformat()}到期。")
            read_at = g.at(day_index, 12) if g.rng.random() < 0.6 and day_index < g.day_index \
                else None
            table.add(g.sink.next_id(Notification), m.person_id, text, "/campaigns/tasks/",
                      f"reminder:{day.isoformat()}", g.at(day_index, 8), read_at)

"""The 人员类别/身份 cell: which Person.category it names, and member, activist or the public."""

import re

from django.utils.translation import gettext as _

from vanguard.people.models import Person
from vanguard.people.roster.records import ACTIVIST, MEMBER, PUBLIC
from vanguard.people.roster.values import ValueProblem

C = Person.Category

# Checked in this order, because the words nest: 学生家长 is a parent, 离退休教师 retired,
# 教职工 a teacher although it contains 职工, 未就业毕业生 a graduate.
_CATEGORY_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (C.PARENT, ("家长", "parent")),
    (C.GRADUATE, ("毕业生", "graduate")),
    (C.RETIRED, ("离退休", "退休", "retired", "retiree")),
    (C.STUDENT, ("学生", "研究生", "本科生", "student")),
    (C.TEACHER, ("教师", "教职工", "teacher")),
    (C.STAFF, ("职工", "行政", "工勤", "staff")),
]
_NOT_MEMBER = ("非党员", "非中共党员", "non-member", "nonmember", "non member")
_MEMBER_WORDS = ("党员", "member")
_ACTIVIST_WORDS = ("积极分子", "发展对象", "activist")
# Words that say "not a member" and nothing about the category.
_NEUTRAL_WORDS = ("群众", "团员", "public")

# What an export writes, so that importing the file back reads the same category and status.
EXPORT_WORDS = {C.TEACHER: "教师", C.STAFF: "职工", C.STUDENT: "学生", C.GRADUATE: "毕业生",
                C.RETIRED: "离退休", C.PARENT: "家长"}
EXPORT_SUFFIX = {MEMBER: "党员", ACTIVIST: "入党积极分子", PUBLIC: ""}


def _has(text: str, word: str) -> bool:
    if word.isascii():  # English words count whole: "staff" is not in "staffing"
        return re.search(rf"\b{re.escape(word)}\b", text) is not None
    return word in text


def parse_category(value: object) -> tuple[str | None, str]:
    """(category or None, status) for the text of the category cells, e.g. 教师党员."""
    text = "" if value is None else str(value).strip().lower()
    if not text:
        return None, PUBLIC
    category = next((c for c, words in _CATEGORY_WORDS if any(_has(text, w) for w in words)),
                    None)
    status = _status(text)
    if category is None and status == PUBLIC and not any(_has(text, w) for w in _NEUTRAL_WORDS):
        raise ValueProblem(
            _("“%(value)s” is not a category we know: use 教师, 职工, 学生, 毕业生, 离退休 or "
              "家长, followed by 党员 or 入党积极分子 where it applies.") % {"value": text})
    return category, status


def _status(text: str) -> str:
    for word in _NOT_MEMBER:
        text = text.replace(word, "")
    # Activist words first: 党员发展对象 is someone about to become a member, not one yet.
    if any(_has(text, w) for w in _ACTIVIST_WORDS):
        return ACTIVIST
    if any(_has(text, w) for w in _MEMBER_WORDS):
        return MEMBER
    return PUBLIC


def export_text(category: str, status: str) -> str:
    return EXPORT_WORDS.get(category, "") + EXPORT_SUFFIX[status]

"""Shared pieces of the intake tests: school S1's intake with its review phase open, the
subject tokens, and a valid set of form fields."""

from vanguard.opinions.models import Category, SourceGroup
from vanguard.opinions.services.intake import ensure_intake

TEXT = "希望领导班子多深入课堂，听取一线教师的意见。"


def s1_intake(plan):
    """The intake of S1's plan (the `review_open` fixture's plan)."""
    return ensure_intake(plan.activities.get(key="opinion_intake"))


def member_token(district, index=5) -> str:
    return f"member:{district.schools[0].members[index].pk}"


def fields(district, **changes) -> dict:
    """Keyword arguments every giving service takes, valid for school S1."""
    return {"subject": member_token(district), "category": Category.WORK, "text": TEXT,
            "source_group": SourceGroup.PARENT, **changes}

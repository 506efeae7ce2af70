"""The study app's models, one module per idea."""

from vanguard.study.models.discussion import Discussion, Post, Requirement
from vanguard.study.models.hours import HoursEntry, HoursExemption, HoursTotal, StudySession
from vanguard.study.models.reading import ReadingItem, ReadingMark
from vanguard.study.models.writing import ReadingNote, Reflection, Writing

__all__ = ["Discussion", "HoursEntry", "HoursExemption", "HoursTotal", "Post", "ReadingItem",
           "ReadingMark", "ReadingNote", "Reflection", "Requirement", "StudySession",
           "Writing"]

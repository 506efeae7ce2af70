"""Writes of the analyses app: writing and revising (writing.py), reviewing (reviews.py)."""

from vanguard.analyses.services.reviews import review_analysis
from vanguard.analyses.services.writing import (
    save_draft,
    start_analysis,
    start_revision,
    submit_analysis,
    submit_revision,
)

__all__ = ["review_analysis", "save_draft", "start_analysis", "start_revision",
           "submit_analysis", "submit_revision"]

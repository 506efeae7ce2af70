"""URL rows: the reading list, reading notes and reflections, and their review.

The member's submitted reflection is read by the member and by readers of branch S1-B2; the
member's draft note by the member alone (a secretary never sees drafts)."""

from tests.access.url_table import B2_READERS, NO_PERSON, POST_ONLY, ROLES, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
AUTHOR_ONLY = {**dict.fromkeys(ROLES[1:], 404), "member": 200}

ROWS = [
    row("study:reading", "study_campaign", NO_PERSON),
    row("study:reading_mark", "reading_item", POST_ONLY),
    row("study:reading_items", "study_campaign", CAMPAIGN_READERS),
    row("study:reading_seed", "study_campaign", POST_ONLY),
    row("study:reading_item_update", "reading_item", POST_ONLY),
    row("study:reading_item_remove", "reading_item", POST_ONLY),
    row("study:my_writing", "study_campaign", NO_PERSON),
    row("study:writing_new", "study_campaign", POST_ONLY),
    row("study:writing_queue", "study_campaign", CAMPAIGN_READERS),
    row("study:writing_detail", "submitted_reflection", {**B2_READERS, "member": 200}),
    row("study:writing_detail", "draft_note", AUTHOR_ONLY),
    row("study:writing_edit", "draft_note", AUTHOR_ONLY),
    # A handed-in piece is not editable: its author is sent to the page that shows it.
    row("study:writing_edit", "submitted_reflection", {**AUTHOR_ONLY, "member": 302}),
    row("study:writing_draft", "draft_note", POST_ONLY),
    row("study:writing_review", "submitted_reflection", POST_ONLY),
    row("study:writing_delete", "draft_note", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.study.services import reading, writing

    member = district.users["member"]
    item = reading.add_reading(actor=district.users["district_office"], campaign=launched,
                               title="《中国共产党章程》")
    reflection = writing.start_writing(actor=member, campaign=launched, kind="reflection")
    writing.submit_writing(actor=member, writing=reflection, version=reflection.version,
                           title="学习体会", body="<p>" + "学" * 800 + "</p>")
    note = writing.start_writing(actor=member, campaign=launched, kind="note", item=item)
    return {
        "study_campaign": {"campaign": launched.pk},
        "reading_item": {"pk": item.pk},
        "submitted_reflection": {"kind": "reflection", "pk": reflection.pk},
        "draft_note": {"kind": "note", "pk": note.pk},
    }

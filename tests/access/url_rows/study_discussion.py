"""URL rows: the big discussion of school S1, its posts and its requirements."""

from tests.access.url_table import POST_ONLY, S1_READERS, row
from vanguard.study.services import discussion as services

# Members of S1 take part: they read (and post) besides everyone who reads S1's records.
TAKING_PART = {**S1_READERS, "member": 200}
LEADS_THERE = {k: 302 if v == 200 else v for k, v in TAKING_PART.items()}

ROWS = [
    row("study:discussion_for_activity", "discussion_activity", LEADS_THERE),
    row("study:requirements_for_activity", "discussion_activity", LEADS_THERE),
    row("study:discussion", "discussion", TAKING_PART),
    row("study:requirements", "discussion", TAKING_PART),
    row("study:discussion_post", "discussion", POST_ONLY),
    row("study:discussion_state", "discussion", POST_ONLY),
    row("study:requirements_publish", "discussion", POST_ONLY),
    row("study:post_hide", "discussion_post", POST_ONLY),
    row("study:post_restore", "discussion_post", POST_ONLY),
    row("study:requirement_edit", "discussion_requirement", POST_ONLY),
    row("study:requirement_move", "discussion_requirement", POST_ONLY),
    row("study:requirement_remove", "discussion_requirement", POST_ONLY),
]


def targets(launched, district):
    """S1's discussion opened by its office, a member's post, a draft requirement."""
    activity = launched.plans.get(organization=district.schools[0].committee) \
        .activities.get(kind="study.discussion")
    discussion = services.open_discussion(actor=district.users["office"], activity=activity)
    post = services.write_post(actor=district.users["member"], discussion=discussion,
                               text="立足岗位，争做表率")
    requirement = services.add_requirement(actor=district.users["office"],
                                           discussion=discussion, text="爱岗敬业，为人师表")
    return {"discussion_activity": {"pk": activity.pk}, "discussion": {"pk": discussion.pk},
            "discussion_post": {"pk": post.pk},
            "discussion_requirement": {"pk": requirement.pk}}

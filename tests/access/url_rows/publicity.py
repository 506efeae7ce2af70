"""URL rows: themed practice activities, exemplars, news and the public campaign page. The
campaign's lists answer whoever reads the campaign (not a plain member); the forms whoever
runs an organization in it; one activity, photo or news item its organization's readers.
The public page, its embed variant, the feeds, a published item and its public photo answer
everyone, logged in or not."""

from tests.access.url_table import ALL_IN, B2_READERS, POST_ONLY, ROLES, row

EVERYONE = dict.fromkeys(ROLES, 200)
CAMPAIGN_READERS = {**ALL_IN, "member": 404}
RUNNERS = {**CAMPAIGN_READERS, "leader": 403, "supervisor": 403}
# Only the writer edits the draft; the branch's other readers get 403, the rest 404.
WRITER = {**B2_READERS, "leader": 403, "office": 403, "supervisor": 403, "admin": 403}


def public(name, target):
    return row(name, target, {**EVERYONE})


ROWS = [
    row("publicity:activities", "publicity_campaign", CAMPAIGN_READERS),
    row("publicity:activity_add", "publicity_campaign", RUNNERS),
    row("publicity:activity", "publicity_activity", B2_READERS),
    row("publicity:photo_add", "publicity_activity", POST_ONLY),
    row("publicity:photo", "publicity_photo", B2_READERS),
    row("publicity:photo_remove", "publicity_photo", POST_ONLY),
    row("publicity:exemplars", "publicity_campaign", CAMPAIGN_READERS),
    row("publicity:exemplar_nominate", "publicity_campaign", RUNNERS),
    row("publicity:exemplar_decide", "publicity_exemplar", POST_ONLY),
    row("publicity:exemplar_publish", "publicity_exemplar", POST_ONLY),
    row("publicity:news_list", "publicity_campaign", CAMPAIGN_READERS),
    row("publicity:news_add", "publicity_campaign", RUNNERS),
    row("publicity:news", "publicity_draft", B2_READERS),
    row("publicity:news_edit", "publicity_draft", WRITER),
    row("publicity:news_submit", "publicity_draft", POST_ONLY),
    row("publicity:news_review", "publicity_draft", POST_ONLY),
    row("publicity:news_withdraw", "publicity_published", POST_ONLY),
    public("publicity:public", "publicity_campaign"),
    public("publicity:public_embed", "publicity_campaign"),
    public("publicity:feed_rss", "publicity_campaign"),
    public("publicity:feed_atom", "publicity_campaign"),
    public("publicity:public_news", "publicity_published"),
    public("publicity:public_photo", "publicity_photo"),
]


def targets(launched, district) -> dict:
    from tests.publicity.support import draft, nominate, published, record, upload

    activity = record(launched, district, user="secretary",
                      organization=district.schools[0].branches[-1], participants=[],
                      photos=[upload()], for_publication=True)
    item = published(launched, district, activity=activity)
    return {
        "publicity_campaign": {"campaign": launched.pk},
        "publicity_activity": {"pk": activity.pk},
        "publicity_photo": {"pk": activity.photos.get().pk},
        "publicity_exemplar": {"pk": nominate(launched, district).pk},
        "publicity_draft": {"pk": draft(launched, district, title="草稿").pk},
        "publicity_published": {"pk": item.pk},
    }

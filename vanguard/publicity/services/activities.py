"""Recording themed practice activities and their photos."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import clock
from vanguard.publicity import themes
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import (
    MAX_CAPTION,
    MAX_DESCRIPTION,
    MAX_PLACE,
    MAX_TITLE,
    Photo,
    PracticeActivity,
)
from vanguard.publicity.photos import CheckedPhoto, check_photo
from vanguard.publicity.services.common import (
    MAX_PARTICIPANTS,
    eligible_people,
    require,
    require_school_unit,
    text,
)

MAX_PHOTOS_AT_ONCE = 10


def check_theme(campaign, theme: str) -> str:
    if theme not in themes.theme_names(campaign):
        raise PublicityError(_("Choose one of the campaign's themes."), code="theme")
    return theme


def _check_participants(organization, participants) -> list[int]:
    wanted = {getattr(p, "pk", p) for p in participants or ()}
    if len(wanted) > MAX_PARTICIPANTS:
        raise PublicityError(_("At most %(n)d participants.") % {"n": MAX_PARTICIPANTS},
                             code="participants")
    found = set(eligible_people(organization).filter(pk__in=wanted).values_list("pk", flat=True))
    if found != wanted:
        raise PublicityError(_("Participants must be people of the organization."),
                             code="participants")
    return sorted(wanted)


def _check_uploads(uploads) -> list[CheckedPhoto]:
    uploads = list(uploads or ())
    if len(uploads) > MAX_PHOTOS_AT_ONCE:
        raise PublicityError(_("At most %(n)d photos at once.") % {"n": MAX_PHOTOS_AT_ONCE},
                             code="photo_count")
    return [check_photo(upload) for upload in uploads]


def _store(*, actor, activity, checked: list[CheckedPhoto], caption: str,
           for_publication: bool) -> list[Photo]:
    """Write the files last, after every check and audit line; a failure deletes what was
    stored so far (the transaction rolls the rows back)."""
    stored: list[Photo] = []
    try:
        for photo in checked:
            row = Photo(activity=activity, content_type=photo.content_type,
                        size=len(photo.content), sha256=photo.sha256, caption=caption,
                        for_publication=for_publication, added_by=actor)
            row.file.save(photo.name, ContentFile(photo.content), save=False)
            stored.append(row)
            row.save()
    except Exception:
        for row in stored:
            row.file.delete(save=False)
        raise
    return stored


@transaction.atomic
def record_activity(*, actor, campaign, organization, theme: str, title: str,
                    held_on: dt.date, place: str = "", description: str = "",
                    participants=(), photos=(), caption: str = "",
                    for_publication: bool = False) -> PracticeActivity:
    """An activity held by a school or branch under one of the campaign's themes, with its
    participants (people of the organization) and any photos (JPEG/PNG, checked first)."""
    require(actor, "publicity.record_activity", organization)
    require_school_unit(campaign, organization)
    check_theme(campaign, theme)
    title = text(title, limit=MAX_TITLE, field=_("title"))
    place = text(place, limit=MAX_PLACE, field=_("place"), required=False)
    description = text(description, limit=MAX_DESCRIPTION, field=_("description"),
                       required=False)
    caption = text(caption, limit=MAX_CAPTION, field=_("caption"), required=False)
    if not isinstance(held_on, dt.date):
        raise PublicityError(_("Give the date the activity was held."), code="date")
    if held_on > clock.today():
        raise PublicityError(_("Record an activity once it has been held: the date is in the "
                               "future."), code="date")
    people = _check_participants(organization, participants)
    checked = _check_uploads(photos)
    activity = PracticeActivity.objects.create(
        campaign=campaign, organization=organization, theme=theme, title=title,
        held_on=held_on, place=place, description=description, recorded_by=actor)
    activity.participants.set(people)
    audit.record(actor=actor, action="publicity.activity.recorded", target=activity,
                 changes={"theme": [None, theme], "title": [None, title],
                          "held_on": [None, str(held_on)], "participants": [None, len(people)],
                          "photos": [None, len(checked)]})
    _store(actor=actor, activity=activity, checked=checked, caption=caption,
           for_publication=for_publication)
    return activity


@transaction.atomic
def add_photo(*, actor, activity: PracticeActivity, upload, caption: str = "",
              for_publication: bool = False) -> Photo:
    require(actor, "publicity.record_activity", activity)
    caption = text(caption, limit=MAX_CAPTION, field=_("caption"), required=False)
    if upload is None:
        raise PublicityError(_("Choose a photo to upload."), code="photo_empty")
    checked = check_photo(upload)
    audit.record(actor=actor, action="publicity.photo.added", target=activity,
                 changes={"sha256": [None, checked.sha256], "size": [None, len(checked.content)],
                          "for_publication": [None, for_publication]})
    return _store(actor=actor, activity=activity, checked=[checked], caption=caption,
                  for_publication=for_publication)[0]


@transaction.atomic
def remove_photo(*, actor, photo: Photo) -> None:
    require(actor, "publicity.record_activity", photo.activity)
    audit.record(actor=actor, action="publicity.photo.removed", target=photo.activity,
                 changes={"photo": [photo.pk, None], "sha256": [photo.sha256, None]})
    name = photo.file.name
    storage = photo.file.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))

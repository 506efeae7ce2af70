"""The office's sorting list out to Excel, as filtered on the page; text stays text (the
roster's writer guards against formulas). The export is audited: it carries givers' names."""

from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.opinions import selectors
from vanguard.opinions.models import Opinion, Subject
from vanguard.people.roster.writing import workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_WIDTHS = [12, 22, 10, 12, 14, 60, 40, 14, 8, 12]


def subject_text(opinion: Opinion) -> str:
    if opinion.subject_person_id is not None:
        return f"{opinion.subject_person.name}（{opinion.get_subject_kind_display()}）"
    if opinion.subject_kind == Subject.TEAM:
        return _("Leadership team of %(org)s") % {"org": opinion.organization.name}
    return opinion.organization.name


def giver_text(opinion: Opinion) -> str:
    """The giver of a named opinion (the office's own export); blank for an anonymous one."""
    if opinion.anonymous:
        return ""
    return opinion.giver.name if opinion.giver_id else opinion.giver_name


def sorting_workbook(*, actor, campaign, flt: selectors.OpinionFilter) -> bytes:
    rows = selectors.sorting_rows(actor, campaign, flt)
    header = [_("Received on"), _("About"), _("Category"), _("Channel"), _("Source group"),
              _("Opinion"), _("Summary"), _("Status"), _("Count"), _("Given by")]
    body = ([o.received_on, subject_text(o), o.get_category_display(), o.get_channel_display(),
             o.get_source_group_display(), o.text, o.summary, o.get_status_display(), o.weight,
             giver_text(o)] for o in rows.iterator(chunk_size=500))
    content = workbook_bytes(_("Opinions"), header, body, widths=HEADER_WIDTHS)
    audit.record(actor=actor, action="opinions.opinions.exported", target=campaign,
                 changes={"filter": [None, flt.query()]})
    return content

"""URL rows: the handling register (组织处理 / 纪律处分). Its only readers are the leading
group's office head and the principal leader, and no column of the table holds either (the
table's `leader` is the deputy, its `office` is office staff without a seat): every role is
refused — the admin included — which is the point. The keepers' side is tested in
tests/handling."""

from tests.access.url_table import POST_ONLY, ROLES, row

REFUSED = dict.fromkeys(ROLES[1:], 403)

ROWS = [
    row("handling:register", None, REFUSED),
    row("handling:case_open", None, REFUSED),
    row("handling:case", "handling_case", REFUSED),
    row("handling:step_add", "handling_case", POST_ONLY),
    row("handling:case_close", "handling_case", POST_ONLY),
    row("handling:document", "handling_document", REFUSED),
]


def targets(launched, district) -> dict:
    from django.core.files.base import ContentFile

    from vanguard.core import clock
    from vanguard.handling.models import Case, Document, Step

    s1 = district.schools[0]
    # Built directly: a keeper's account here could clash with other areas' leading groups.
    case = Case.objects.create(member=s1.members[4].member, organization=s1.committee,
                               kind=Case.Kind.DISCIPLINARY, grounds="违纪。",
                               opened_on=clock.today())
    step = Step.objects.create(case=case, kind=Step.Kind.TALK, happened_on=clock.today(),
                               text="谈话记录。")
    document = Document(step=step, file_name="决定.pdf", content_type="application/pdf",
                        size=9, sha256="0" * 64)
    document.file.save("决定.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"handling_case": {"pk": case.pk}, "handling_document": {"pk": document.pk}}

"""URL rows: opinion intake. The public form and the receipt lookup answer everyone, logged
in or not; the user's own form needs a person; the office's pages are the office's (and the
admin's), typing in also the school's secretaries; a reader of the school without the right
gets 403, anyone outside it 404."""

from tests.access.url_table import NO_PERSON, POST_ONLY, ROLES, row

EVERYONE = dict.fromkeys(ROLES, 200)
CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
OFFICE = {"member": 404, "other_secretary": 403, "secretary": 403, "leader": 403,
          "other_office": 404, "office": 200, "supervisor": 403, "admin": 200}
ENTRY = {**OFFICE, "other_secretary": 200, "secretary": 200}

ROWS = [
    {"name": "opinions:public_form", "target": "intake_form_key", "query": "",
     "expected": EVERYONE},
    {"name": "opinions:receipt", "target": None, "query": "", "expected": EVERYONE},
    row("opinions:give", "intake_campaign", NO_PERSON),
    row("opinions:intake_index", "intake_campaign", CAMPAIGN_READERS),
    row("opinions:intake", "intake_pk", OFFICE),
    row("opinions:intake_toggle", "intake_pk", POST_ONLY),
    row("opinions:intake_form_docx", "intake_pk", OFFICE),
    row("opinions:enter", "intake_pk", ENTRY),
    row("opinions:symposia", "intake_pk", ENTRY),
    row("opinions:unconfirmed", "intake_pk", OFFICE),
    row("opinions:confirm", "intake_opinion", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.core import clock
    from vanguard.opinions.models import Opinion
    from vanguard.opinions.services.intake import ensure_intake

    plan = launched.plans.get(organization=district.schools[0].committee)
    intake = ensure_intake(plan.activities.get(key="opinion_intake"))
    opinion = Opinion.objects.create(
        intake=intake, campaign=launched, subject_kind="party_org",
        organization=intake.organization, category="work", channel="box",
        source_group="staff", text="意见", received_on=clock.today(), on_paper=True,
        status=Opinion.Status.UNCONFIRMED)
    return {
        "intake_form_key": {"form_key": intake.form_key},
        "intake_campaign": {"campaign": launched.pk},
        "intake_pk": {"pk": intake.pk},
        "intake_opinion": {"pk": intake.pk, "opinion": opinion.pk},
    }

"""URL rows: the disclosure of the rectification and the lasting rules. The office's pages
are the school office's (and the admin's): a reader of the school gets 403, anyone outside
it 404. The public pages answer everyone, logged in or not."""

from tests.access.url_table import POST_ONLY, ROLES, row

EVERYONE = dict.fromkeys(ROLES, 200)
OFFICE = {"member": 404, "other_secretary": 403, "secretary": 403, "leader": 403,
          "other_office": 404, "office": 200, "supervisor": 403, "admin": 200}


def public(name, target):
    return {"name": name, "target": target, "query": "", "expected": EVERYONE}


ROWS = [
    row("rectification:disclosures", "disclosure_school", OFFICE),
    row("rectification:disclosure", "disclosure_pk", OFFICE),
    row("rectification:disclosure_correct", "disclosure_pk", POST_ONLY),
    row("rectification:disclosure_notice", "disclosure_pk", OFFICE),
    row("rectification:rules", "disclosure_school", OFFICE),
    row("rectification:rule_edit", "rule_pk", OFFICE),
    row("rectification:rule_remove", "rule_pk", POST_ONLY),
    public("rectification:public_index", "public_school"),
    public("rectification:public_detail", "public_disclosure"),
    public("rectification:public_json", "public_disclosure"),
    public("rectification:public_comment", "public_item"),
]


def targets(launched, district) -> dict:
    from tests.rectification.disclosure_support import add_rule, team_plan_with_items
    from vanguard.rectification.services.disclosure import publish_disclosure

    s1 = district.schools[0]
    school_plan = launched.plans.get(organization=s1.committee)
    team_plan_with_items(school_plan, district)
    rule = add_rule(school_plan, district)
    disclosure = publish_disclosure(actor=district.users["office"], campaign=launched,
                                    organization=s1.committee, title="整改情况公布")
    item = disclosure.content["plans"][0]["items"][0]["id"]
    return {
        "disclosure_school": {"campaign": launched.pk, "code": s1.committee.code},
        "disclosure_pk": {"pk": disclosure.pk},
        "rule_pk": {"pk": rule.pk},
        "public_school": {"code": s1.committee.code},
        "public_disclosure": {"code": s1.committee.code, "number": disclosure.number},
        "public_item": {"code": s1.committee.code, "number": disclosure.number, "item": item},
    }

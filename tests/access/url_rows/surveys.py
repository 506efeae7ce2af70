"""URL rows: the preparation survey. The answer page and the public page are open to anyone
(a slip's holder needs no account; the public link is for staff, students and parents); a
school's survey and its results are read by those who read the school's top organization (its
office, leaders, the offices and supervisors above); writes are POST only."""

from tests.access.url_table import POST_ONLY, ROLES, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
SCHOOL_READERS = {**dict.fromkeys(ROLES[1:], 404), "leader": 200, "office": 200,
                  "supervisor": 200, "admin": 200}

ROWS = [
    {"name": "surveys:answer", "target": None, "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
    {"name": "surveys:public", "target": "survey_public", "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
    row("surveys:campaign", "survey_campaign", CAMPAIGN_READERS),
    row("surveys:create", "survey_campaign", POST_ONLY),
    row("surveys:detail", "survey", SCHOOL_READERS),
    row("surveys:edit", "survey", POST_ONLY),
    row("surveys:open", "survey", POST_ONLY),
    row("surveys:invite", "survey", POST_ONLY),
    row("surveys:slips", "survey", POST_ONLY),
    row("surveys:close", "survey", POST_ONLY),
    row("surveys:results", "survey", SCHOOL_READERS),
    row("surveys:results_xlsx", "survey", SCHOOL_READERS),
]


def targets(launched, district) -> dict:
    import datetime as dt

    from vanguard.core import clock
    from vanguard.surveys.services import surveys

    office = district.users["office"]
    survey = surveys.create_survey(actor=office, campaign=launched,
                                   organization=district.schools[0].committee)
    surveys.open_survey(actor=office, survey=survey,
                        closes_on=clock.today() + dt.timedelta(days=7))
    return {
        "survey_campaign": {"campaign": launched.pk},
        "survey": {"pk": survey.pk},
        "survey_public": {"key": survey.public_key},
    }

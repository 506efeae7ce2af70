"""The role × URL table: what every role gets from a GET of every URL of the project.

A row per URL name (a URL may have several rows, for objects at different places in the
tree). "login" means a redirect to the login page; 302 any other redirect; 405 a POST-only
URL. Every role the security issue names is a column. Objects belong to school S1, branch B2
(the secretary's and the member's branch) unless the row says otherwise.
"""

ROLES = ("anonymous", "member", "other_secretary", "secretary", "leader", "other_office",
         "office", "supervisor", "admin")

ALL_IN = dict.fromkeys(ROLES[1:], 200)


def row(name, target, expected, query=""):
    return {"name": name, "target": target, "query": query,
            "expected": {"anonymous": "login", **expected}}


# Who may read a record of school S1 (its plan, phase, meeting): every reading role in S1's
# subtree or above it, and a branch secretary below it (the plan their branch follows).
S1_READERS = {"member": 404, "other_secretary": 200, "secretary": 200, "leader": 200,
              "other_office": 404, "office": 200, "supervisor": 200, "admin": 200}
# Who may read branch S1-B2 itself (its members, its progress).
B2_READERS = {**S1_READERS, "other_secretary": 404}
POST_ONLY = dict.fromkeys(ROLES[1:], 405)
NO_PERSON = {"member": 200, "other_secretary": 403, "secretary": 200, "leader": 200,
             "other_office": 403, "office": 403, "supervisor": 403, "admin": 403}

BASE = [
    row("web:home", None, dict.fromkeys(ROLES[1:], 302)),
    {"name": "web:set_language", "target": None, "query": "",
     "expected": dict.fromkeys(ROLES, 405)},
    {"name": "access:login", "target": None, "query": "",
     "expected": {"anonymous": 200, **dict.fromkeys(ROLES[1:], 302)}},
    {"name": "access:logout", "target": None, "query": "", "expected": dict.fromkeys(ROLES, 405)},
    row("access:password_change", None, ALL_IN),
    row("access:audit", None, {**dict.fromkeys(ROLES[1:], 403), "admin": 200}),
    row("people:organizations", None, {**ALL_IN, "member": 403}),
    row("people:organization", "branch", B2_READERS),
    row("people:organization", "other_school", {**dict.fromkeys(ROLES[1:], 404),
                                                "other_office": 200, "supervisor": 200,
                                                "admin": 200}),
    row("people:person", "person", B2_READERS),
    row("people:reveal_id_number", "person", POST_ONLY),
    row("people:roster_import", "branch", {**B2_READERS, "leader": 403, "supervisor": 403}),
    row("people:roster_export", "branch", B2_READERS),
    row("campaigns:list", None, {**ALL_IN, "member": 403}),
    row("campaigns:launch", None, {**dict.fromkeys(ROLES[1:], 403), "office": 200,
                                   "other_office": 200, "admin": 200}),
    row("campaigns:detail", "campaign", {**ALL_IN, "member": 404}),
    row("campaigns:progress", "campaign", B2_READERS, query="?org=S1-B2"),
    row("campaigns:progress", "campaign", {**B2_READERS, "secretary": 404},
        query="?org=S1-C"),
    row("campaigns:plan", "plan", S1_READERS),
    # The approved plan is no longer editable, even by its own office.
    row("campaigns:plan_edit", "plan", {**S1_READERS, **dict.fromkeys(
        ("other_secretary", "secretary", "leader", "office", "supervisor", "admin"), 403)}),
    row("campaigns:plan_word", "plan", S1_READERS),
    row("campaigns:activity_add", "plan", POST_ONLY),
    row("campaigns:activity_remove", "activity", POST_ONLY),
    row("campaigns:plan_submit", "plan", POST_ONLY),
    row("campaigns:plan_decide", "plan", POST_ONLY),
    row("campaigns:phase", "phase", S1_READERS),
    row("campaigns:phase_close", "phase", POST_ONLY),
    row("campaigns:my_tasks", None, NO_PERSON),
    row("campaigns:task_complete", "task", POST_ONLY),
    row("meetings:for_activity", "activity", {k: 302 if v == 200 else v
                                              for k, v in S1_READERS.items()}),
    row("meetings:detail", "meeting", S1_READERS),
    row("meetings:record", "meeting", POST_ONLY),
]


def area_modules():
    """Each area's rows live in tests/access/url_rows/<area>.py: ROWS (built with row()) and,
    where its rows need objects of their own, `targets(launched, district) -> {name: kwargs}`."""
    import importlib
    import pkgutil

    from tests.access import url_rows

    return [importlib.import_module(f"tests.access.url_rows.{m.name}")
            for m in pkgutil.iter_modules(url_rows.__path__)]


TABLE = BASE + [r for module in area_modules() for r in module.ROWS]

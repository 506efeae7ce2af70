"""TEMPORARY permissions of publicity, until the lead moves them into
vanguard/access/predicates.py (then this module and its import in apps.py go).

Composed only from the predicates' shared objects. The "not the writer / not the nominator"
half of publishing and deciding is enforced in the services (four eyes), not here.
"""

import rules

from vanguard.access.predicates import is_admin, is_office, reads_org, runs_org

# --- TEMPORARY: move to vanguard/access/predicates.py -------------------------------------------
TEMPORARY_PERMS = {
    "publicity.record_activity": runs_org,
    "publicity.nominate_exemplar": runs_org,
    "publicity.decide_exemplar": is_admin | is_office,
    "publicity.write_news": runs_org,
    "publicity.publish_news": is_admin | is_office,
    "publicity.view_publicity": reads_org,
}
# --- end TEMPORARY ------------------------------------------------------------------------------


def register() -> None:
    """Add each permission unless predicates.py already has it (once the lead moved them)."""
    for name, predicate in TEMPORARY_PERMS.items():
        if not rules.perm_exists(name):
            rules.add_perm(name, predicate)

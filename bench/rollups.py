"""The derived tables filled from the generated rows, each by one INSERT … SELECT aggregate:
the progress roll-up from the tasks, and each member's hours totals from the ledger."""

from django.db import connection

from vanguard.campaigns.models import Activity, Assignment, Phase, Plan, ProgressCount
from vanguard.people.models import Member
from vanguard.study.models import HoursEntry, HoursTotal


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def fill_progress_counts(campaign_id: int) -> int:
    """Required (not excused) and done per activity and branch, as `rollup._fresh_counts`
    counts them, for the campaign's required tasks."""
    sql = f"""
        INSERT INTO {_t(ProgressCount)}
            (campaign_id, activity_id, organization_id, activity_key, phase_key, required, done)
        SELECT p.campaign_id, a.activity_id, a.organization_id, act.key, ph.key,
               SUM(CASE WHEN a.status <> 'excused' THEN 1 ELSE 0 END),
               SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END)
        FROM {_t(Assignment)} a
        JOIN {_t(Activity)} act ON act.id = a.activity_id
        JOIN {_t(Phase)} ph ON ph.id = act.phase_id
        JOIN {_t(Plan)} p ON p.id = act.plan_id
        WHERE a.required AND p.campaign_id = %s
        GROUP BY p.campaign_id, a.activity_id, a.organization_id, act.key, ph.key"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign_id])
        return cursor.rowcount


def fill_hours_totals(campaign_id: int) -> int:
    """Organized and self-study hours per member, and organized hours per kind, as
    `study.services.hours_totals.refresh_totals` keeps them."""
    if connection.vendor == "postgresql":
        by_kind = ("COALESCE(jsonb_object_agg(k.kind, k.hours::text) "
                   "FILTER (WHERE k.kind <> 'self'), '{}'::jsonb)")
    else:
        by_kind = ("COALESCE(json_group_object(k.kind, printf('%%.1f', k.hours)) "
                   "FILTER (WHERE k.kind <> 'self'), '{}')")
    sql = f"""
        INSERT INTO {_t(HoursTotal)}
            (campaign_id, person_id, organization_id, organized, self_study, by_kind)
        SELECT k.campaign_id, k.person_id, m.organization_id,
               COALESCE(SUM(CASE WHEN k.kind <> 'self' THEN k.hours END), 0),
               COALESCE(SUM(CASE WHEN k.kind = 'self' THEN k.hours END), 0),
               {by_kind}
        FROM (SELECT campaign_id, person_id, kind, SUM(hours) AS hours
              FROM {_t(HoursEntry)} WHERE campaign_id = %s
              GROUP BY campaign_id, person_id, kind) k
        JOIN {_t(Member)} m ON m.person_id = k.person_id
        GROUP BY k.campaign_id, k.person_id, m.organization_id"""
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign_id])
        return cursor.rowcount

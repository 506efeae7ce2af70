"""Every write that matters in people: importing and exporting rosters."""

from vanguard.people.services.roster_export import export_roster
from vanguard.people.services.roster_import import import_roster

__all__ = ["export_roster", "import_roster"]

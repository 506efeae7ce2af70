"""The built-in templates shipped under campaigns/templates/, synced into the database on use."""

from pathlib import Path

from vanguard.campaigns import registry
from vanguard.campaigns.models import CampaignTemplate
from vanguard.campaigns.template_spec import TemplateSpec, parse_template

TEMPLATE_DIR = Path(__file__).parent / "templates"


def builtin_sources() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8")
            for path in sorted(TEMPLATE_DIR.glob("*.yaml"))}


def parse(source: str) -> TemplateSpec:
    return parse_template(source, known_kinds=registry.keys())


def sync_builtin_templates() -> list[CampaignTemplate]:
    """Create or refresh a row per built-in file; a campaign keeps its own copy of the source."""
    rows = []
    for source in builtin_sources().values():
        spec = parse(source)
        row, _ = CampaignTemplate.objects.update_or_create(
            key=spec.key, defaults={"name": spec.name, "source": source, "builtin": True})
        rows.append(row)
    return rows

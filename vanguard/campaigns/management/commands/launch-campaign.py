"""`vanguard launch-campaign`: launch a campaign from a template as the platform itself."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Campaign
from vanguard.people.models import Organization

NAME_MAX = Campaign._meta.get_field("name").max_length


class Command(BaseCommand):
    help = ("Launch a campaign from a template for an organization and every school under it; "
            "each school gets a draft plan. Runs as the system (audited as 'system').")

    def add_arguments(self, parser):
        parser.add_argument("--template", required=True, metavar="KEY",
                            help="template key, e.g. advanced-nature-2005")
        parser.add_argument("--org", required=True, metavar="CODE",
                            help="code of the organization that runs the campaign")
        parser.add_argument("--start", required=True, metavar="YYYY-MM-DD",
                            help="the first day of the campaign")
        parser.add_argument("--name", default="", help="campaign name (default: the template's)")

    def handle(self, *args, template: str, org: str, start, name: str, **options):
        starts_on = _date(start)
        name = name.strip()
        if len(name) > NAME_MAX:
            raise CommandError(f"--name is {len(name)} characters long; at most {NAME_MAX}.")
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"There is no organization with the code {org!r}.")
        try:
            campaign = services.launch_campaign(actor=None, template_key=template,
                                                organization=organization,
                                                starts_on=starts_on, name=name)
        except CampaignError as exc:
            raise CommandError(exc.text) from None
        derived = campaign.plans.filter(derived_from__isnull=False).count()
        self.stdout.write(f"Launched campaign {campaign.pk}: {campaign.name} "
                          f"({organization.code} {organization.name})")
        self.stdout.write(f"  runs {campaign.starts_on} to {campaign.ends_on}")
        for batch in campaign.batches.all():
            self.stdout.write(f"  batch {batch.key} ({batch.name}): "
                              f"{batch.starts_on} to {batch.ends_on}")
        self.stdout.write(f"  {derived} school plan{'s' if derived != 1 else ''} derived "
                          f"as drafts")


def _date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value).strip(), "%Y-%m-%d").date()
    except ValueError:
        raise CommandError(f"--start must be a date written YYYY-MM-DD, not {value!r}.") \
            from None

"""Labels for the codes a frozen disclosure stores (its content is language-neutral), and the
small list of a school's disclosures on the school's public page."""

from django import template

from vanguard.rectification.models import Disclosure, Item, Owner

register = template.Library()


@register.filter
def item_class_label(code: str) -> str:
    return dict(Item.Class.choices).get(code, code)


@register.filter
def item_status_label(code: str) -> str:
    return dict(Item.Status.choices).get(code, code)


@register.filter
def owner_kind_label(code: str) -> str:
    return dict(Owner.choices).get(code, code)


@register.inclusion_tag("rectification/public_school_disclosures.html")
def school_disclosures(top):
    """The school's current (not superseded) disclosures, newest first. One query."""
    rows = (Disclosure.objects.filter(organization=top, superseded_by__isnull=True)
            .defer("content").order_by("-published_at", "-number")[:10])
    return {"top": top, "disclosures": list(rows)}

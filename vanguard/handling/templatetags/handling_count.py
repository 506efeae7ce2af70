"""`{% handling_open_count organization %}`: the number of open handling cases, for a
dashboard's include (`handling/_count.html`). A number only — never a name."""

from django import template

from vanguard.handling.selectors import open_case_count

register = template.Library()


@register.simple_tag
def handling_open_count(organization) -> int:
    return open_case_count(organization)

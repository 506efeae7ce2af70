"""The make-up block on the member's tasks page, for a mobilization task missed."""

from django import template

from vanguard.meetings import selectors

register = template.Library()


@register.inclusion_tag("meetings/_makeup_task.html")
def makeup_for(task):
    """One query, only for a mobilization task still to do (the tasks page asks for no
    more): the attendance behind it and its meeting's make-up material."""
    return {"attendance": selectors.makeup_of(task.pk)}

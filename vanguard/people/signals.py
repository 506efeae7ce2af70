"""Signals of the people app: apps that read the tree and the teams listen here, so that
`people` never imports them."""

from django.dispatch import Signal

# A school's leadership team or its departments changed (a member, the principal, the
# departments overseen, a head). Sent inside the writing transaction with `school_id`; a
# receiver returns how many records it brought up to date.
team_changed = Signal()

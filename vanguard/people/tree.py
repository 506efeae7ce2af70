"""Adding nodes to the organization tree (treebeard's manager API, in one place)."""

from vanguard.people.models import Organization


def add_root(**fields) -> Organization:
    return Organization.objects.add_root(create_kwargs=fields)


def add_child(parent: Organization, **fields) -> Organization:
    # treebeard updates the parent's child count in the database; re-read it so that a
    # second add_child on the same object starts from the right numbering.
    parent.refresh_from_db()
    return Organization.objects.add_child(parent, create_kwargs=fields)

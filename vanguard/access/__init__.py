"""Accounts, roles held at a node of the tree, scope predicates, login policy and the audit log."""

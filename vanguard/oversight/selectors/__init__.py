"""Oversight reads, scoped to the viewer: leading groups, supervision, coverage."""

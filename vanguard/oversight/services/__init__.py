"""Oversight writes, one module per noun: leading groups, supervision, coverage."""

"""Writes of the rectification app, split by noun: plans, items, evidence, disclosure, rules."""

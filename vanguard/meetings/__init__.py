"""Meetings of every kind: the mobilization meeting first, with its attendance."""

"""Operator commands for people: import-roster, export-roster."""

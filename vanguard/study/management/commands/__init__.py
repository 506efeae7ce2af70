"""Operator commands of the study app: import-hours, export-hours."""

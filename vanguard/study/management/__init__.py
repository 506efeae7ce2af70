"""Operator commands of the study app."""

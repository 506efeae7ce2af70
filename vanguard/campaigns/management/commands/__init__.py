"""Operator commands for campaigns: check-template, launch-campaign."""

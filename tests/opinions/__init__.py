"""Tests of the opinions app: intake, receipts, anonymity, sorting and feedback."""

"""Roster files: reading, checking and writing the spreadsheets schools keep of their people."""

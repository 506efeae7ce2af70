"""Opinions pages: thin views, one module per idea."""

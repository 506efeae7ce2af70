"""Base templates, navigation per role, the home page, and the vendored static assets."""

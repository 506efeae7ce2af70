"""Models of handling: the handling register (education and help, organizational handling, discipline)."""

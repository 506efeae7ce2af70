"""Every write that matters in study, one module per idea (hours, writing, discussion)."""

"""Campaign templates, campaigns, plans, phases and tracks, activities, assignments and gates."""

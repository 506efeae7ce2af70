"""Template tags of the rectification app."""

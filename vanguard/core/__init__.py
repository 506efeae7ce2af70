"""Base models, the clock and the date helpers every app shares."""

"""Services of the preparation survey: one module per noun (surveys, answers)."""

"""Services of the satisfaction assessment: one module per noun."""

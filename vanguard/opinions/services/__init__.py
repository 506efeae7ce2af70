"""Writes of the opinions app, one module per idea: intake (every channel, receipts),
sorting (merge, summary, routing), feedback (release, read, respond)."""

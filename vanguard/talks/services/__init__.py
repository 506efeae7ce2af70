"""Writes of the talks app: the required pairs (`pairs`) and the talks themselves (`talks`)."""

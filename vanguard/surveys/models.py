"""Models of surveys: the preparation survey of members and the public before launch."""

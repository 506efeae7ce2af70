"""Campaign pages: thin views that parse, call one service or selector, and render."""

"""Phase 1 (学习动员): study sessions and hours, the reading list, notes, reflections, the big
discussion and the requirements it distils."""

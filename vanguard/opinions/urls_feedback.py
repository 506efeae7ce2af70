"""URLs: urls_feedback (filled by its owner)."""

urlpatterns: list = []

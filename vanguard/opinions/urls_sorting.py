"""URLs: urls_sorting (filled by its owner)."""

urlpatterns: list = []

"""URLs: urls_intake (filled by its owner)."""

urlpatterns: list = []

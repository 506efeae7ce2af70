"""URLs of study: hours."""

urlpatterns: list = []

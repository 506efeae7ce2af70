"""URLs of study: discussion."""

urlpatterns: list = []

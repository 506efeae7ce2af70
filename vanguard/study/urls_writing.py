"""URLs of study: writing."""

urlpatterns: list = []

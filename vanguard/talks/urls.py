"""URLs of talks."""

app_name = "talks"
urlpatterns: list = []

"""URLs of publicity."""

from django.urls import path  # noqa: F401

app_name = "publicity"

urlpatterns: list = []

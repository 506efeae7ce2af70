"""URLs of handling."""

from django.urls import path  # noqa: F401

app_name = "handling"

urlpatterns: list = []

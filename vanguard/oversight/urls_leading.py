"""URLs of oversight (leading)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []

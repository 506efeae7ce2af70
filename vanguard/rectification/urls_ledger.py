"""URLs of the ledger: the list and its Excel export, one item and its moves, evidence files."""

from django.urls import path

from vanguard.rectification import views_ledger as views

urlpatterns = [
    path("ledger/<int:campaign>/", views.ledger, name="ledger"),
    path("ledger/<int:campaign>/export.xlsx", views.ledger_export, name="ledger_export"),
    path("items/<int:pk>/", views.ledger_item, name="ledger_item"),
    path("items/<int:pk>/start/", views.item_start, name="item_start"),
    path("items/<int:pk>/evidence/", views.item_evidence, name="item_evidence"),
    path("items/<int:pk>/done/", views.item_done, name="item_done"),
    path("items/<int:pk>/verify/", views.item_verify, name="item_verify"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]

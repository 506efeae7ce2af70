"""URLs of rectification, gathered from one module per idea."""

from vanguard.rectification import urls_disclosure, urls_ledger, urls_plans

app_name = "rectification"
urlpatterns = urls_plans.urlpatterns + urls_ledger.urlpatterns + urls_disclosure.urlpatterns

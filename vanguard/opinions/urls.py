"""URLs of opinions, gathered from one module per idea."""

from vanguard.opinions import urls_feedback, urls_intake, urls_sorting

app_name = "opinions"
urlpatterns = urls_intake.urlpatterns + urls_sorting.urlpatterns + urls_feedback.urlpatterns

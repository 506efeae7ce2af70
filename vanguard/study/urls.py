"""URLs of study, gathered from one module per idea."""

from vanguard.study import urls_discussion, urls_hours, urls_writing

app_name = "study"
urlpatterns = urls_hours.urlpatterns + urls_writing.urlpatterns + urls_discussion.urlpatterns

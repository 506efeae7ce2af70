"""URLs of analyses: the member's own analysis, the review chain's pages, readers' progress."""

from django.urls import path

from vanguard.analyses import views

app_name = "analyses"
urlpatterns = [
    # The member's page: write the sections, link opinions, hand in, revise, read versions.
    path("<int:campaign>/mine/", views.mine, name="mine"),
    path("<int:campaign>/start/", views.start, name="start"),
    path("<int:pk>/draft/", views.autosave, name="draft"),
    path("<int:pk>/links/", views.links, name="links"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    # The reviewer: what waits for them, and one analysis with a comment box per section.
    path("<int:campaign>/to-review/", views.queue, name="queue"),
    path("<int:pk>/review/", views.review, name="review"),
    # The Word file: its author and its reviewer.
    path("<int:pk>.docx", views.word, name="word"),
    # Readers of a unit: names, status, length and returns; never the text.
    path("<int:campaign>/progress/", views.progress, name="progress"),
]

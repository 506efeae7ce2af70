"""URLs of the satisfaction assessment: the answer page, the office's and readers' pages, the
public sample check and the superior's remedial rounds."""

from django.urls import path

from vanguard.assessments import views, views_answer

app_name = "assessments"
urlpatterns = [
    # The respondent's page: a logged-in respondent's own rows, or a slip's code (no login).
    path("answer/", views_answer.answer, name="answer"),
    # Anyone may check a drawn sample against its seed and roster digest (no names shown).
    path("<int:pk>/check/", views.check, name="check"),
    path("remedial/", views.remedial_list, name="remedial_list"),
    path("remedial/<int:pk>/", views.remedial_detail, name="remedial_detail"),
    path("remedial/<int:pk>/close/", views.remedial_close, name="remedial_close"),
    path("campaign/<int:campaign>/", views.campaign, name="campaign"),
    path("campaign/<int:campaign>/create/<int:activity>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/representatives/", views.add_representatives, name="add_representatives"),
    path("<int:pk>/representatives/<int:respondent>/remove/", views.remove_representative,
         name="remove_representative"),
    path("<int:pk>/sample/", views.draw, name="draw"),
    path("<int:pk>/open/", views.open_assessment, name="open"),
    path("<int:pk>/slips.docx", views.slips, name="slips"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/results/", views.results, name="results"),
]

"""URLs of surveys: the answer pages (no login), the office's and readers' pages."""

from django.urls import path

from vanguard.surveys import views, views_answer

app_name = "surveys"

urlpatterns = [
    # No login: a member's page (the token in the link's fragment) and the public page.
    path("answer/", views_answer.answer, name="answer"),
    path("public/<str:key>/", views_answer.public, name="public"),
    path("campaign/<int:campaign>/", views.campaign, name="campaign"),
    path("campaign/<int:campaign>/create/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/open/", views.open_survey, name="open"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/slips/", views.slips, name="slips"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.xlsx", views.results_xlsx, name="results_xlsx"),
]

"""URLs of the democratic evaluation: the branch committee's pages, the voter's page and the
member's page."""

from django.urls import path

from vanguard.evaluations import views, views_member

app_name = "evaluations"
urlpatterns = [
    # The voter's page: a logged-in voter's own ballots, or a slip's code (no login needed).
    path("vote/", views_member.vote, name="vote"),
    # The campaign's branches and one branch's evaluation, for its committee and readers.
    path("<int:campaign>/", views.branches, name="branches"),
    path("<int:campaign>/branch/<str:code>/", views.branch, name="branch"),
    path("<int:campaign>/branch/<str:code>/open/", views.open_evaluation, name="open"),
    path("<int:pk>/ballots/open/", views.start_voting, name="start_voting"),
    path("<int:pk>/voters/add/", views.add_voter, name="add_voter"),
    path("<int:pk>/slips/", views.slips, name="slips"),
    path("<int:pk>/paper/<int:participation>/", views.mark_paper, name="mark_paper"),
    path("<int:pk>/tally/<slug:round>/", views.tally, name="tally"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/grade/<int:person>/", views.grade, name="grade"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/table.docx", views.table_word, name="table_word"),
    # The member's own page: self-evaluation, then their grade and opinion.
    path("<int:campaign>/mine/", views_member.mine, name="mine"),
    path("<int:campaign>/mine/self/", views_member.self_evaluation, name="self_evaluation"),
    path("<int:campaign>/mine/acknowledge/", views_member.acknowledge, name="acknowledge"),
]

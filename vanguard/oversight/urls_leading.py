"""URLs of oversight (leading groups and the leader's view), under /oversight/leading/."""

from django.urls import path

from vanguard.oversight import views_leading as views

urlpatterns = [
    path("campaign/<int:campaign>/", views.leading_groups, name="leading_groups"),
    path("campaign/<int:campaign>/form/", views.leading_group_create,
         name="leading_group_create"),
    path("campaign/<int:campaign>/word/", views.leading_groups_word, name="leading_groups_word"),
    path("campaign/<int:campaign>/my-figures/", views.leader_figures_page,
         name="leader_figures"),
    path("<int:pk>/", views.leading_group, name="leading_group"),
    path("<int:pk>/edit/", views.leading_group_edit, name="leading_group_edit"),
    path("<int:pk>/seats/add/", views.seat_add, name="seat_add"),
    path("<int:pk>/roles/refresh/", views.roles_refresh, name="roles_refresh"),
    path("seats/<int:pk>/remove/", views.seat_remove, name="seat_remove"),
]

"""URLs of study: the big discussion and its requirements."""

from django.urls import path

from vanguard.study.views import discussion as views

urlpatterns = [
    path("discussion/activity/<int:pk>/", views.discussion_for_activity,
         name="discussion_for_activity"),
    path("discussion/activity/<int:pk>/requirements/", views.requirements_for_activity,
         name="requirements_for_activity"),
    path("discussions/<int:pk>/", views.discussion_detail, name="discussion"),
    path("discussions/<int:pk>/post/", views.post_create, name="discussion_post"),
    path("discussions/<int:pk>/state/", views.discussion_state, name="discussion_state"),
    path("discussions/<int:pk>/requirements/", views.requirements, name="requirements"),
    path("discussions/<int:pk>/requirements/publish/", views.requirements_publish,
         name="requirements_publish"),
    path("posts/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("posts/<int:pk>/restore/", views.post_restore, name="post_restore"),
    path("requirements/<int:pk>/edit/", views.requirement_edit, name="requirement_edit"),
    path("requirements/<int:pk>/move/", views.requirement_move, name="requirement_move"),
    path("requirements/<int:pk>/remove/", views.requirement_remove, name="requirement_remove"),
]

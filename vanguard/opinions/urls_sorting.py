"""URLs of sorting (梳理): the office's list, its export, and one opinion's actions."""

from django.urls import path

from vanguard.opinions.views import sorting

urlpatterns = [
    path("<int:campaign>/sorting/", sorting.sorting_list, name="sorting"),
    path("<int:campaign>/sorting.xlsx", sorting.sorting_export, name="sorting_export"),
    path("opinion/<uuid:pk>/", sorting.opinion_detail, name="opinion"),
    path("opinion/<uuid:pk>/summary/", sorting.opinion_summary, name="opinion_summary"),
    path("opinion/<uuid:pk>/route/", sorting.opinion_route, name="opinion_route"),
    path("opinion/<uuid:pk>/merge/", sorting.opinion_merge, name="opinion_merge"),
    path("opinion/<uuid:pk>/set-aside/", sorting.opinion_set_aside, name="opinion_set_aside"),
    path("opinion/<uuid:pk>/restore/", sorting.opinion_restore, name="opinion_restore"),
]

"""URLs of the rectification plans: the campaign's plans, one plan, its items, submit, decide."""

from django.urls import path

from vanguard.rectification import views_plans as views

urlpatterns = [
    path("plans/<int:campaign>/", views.plan_list, name="plans"),
    path("plans/<int:campaign>/start/", views.plan_start, name="plan_start"),
    path("plan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("plan/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plan/<int:pk>/decide/", views.plan_decide, name="plan_decide"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
]

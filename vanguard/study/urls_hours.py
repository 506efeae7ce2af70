"""URLs of study: hours (sessions, attendance, who is behind, Excel, a member's own hours)."""

from django.urls import path

from vanguard.study.views import hours

urlpatterns = [
    path("hours/activity/<int:pk>/", hours.plan_hours, name="hours_plan"),
    path("hours/activity/<int:pk>/behind/", hours.behind, name="hours_behind"),
    path("hours/activity/<int:pk>/behind.xlsx", hours.behind_export, name="hours_behind_export"),
    path("hours/activity/<int:pk>/ledger.xlsx", hours.ledger_export, name="hours_ledger_export"),
    path("hours/activity/<int:pk>/import/", hours.hours_import, name="hours_import"),
    path("hours/activity/<int:pk>/exemptions/", hours.exemption_grant,
         name="hours_exemption_grant"),
    path("hours/exemptions/<int:pk>/revoke/", hours.exemption_revoke,
         name="hours_exemption_revoke"),
    path("hours/sessions/<int:pk>/", hours.session_detail, name="hours_session"),
    path("hours/entries/<int:pk>/remove/", hours.entry_remove, name="hours_entry_remove"),
    path("hours/mine/<int:pk>/", hours.my_hours, name="hours_mine"),
]

"""URLs of campaigns."""

from django.urls import path

from vanguard.campaigns.views import calendar, campaigns, notifications, phases, plans, tasks

app_name = "campaigns"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("launch/", campaigns.launch, name="launch"),
    path("<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("<int:pk>/progress/", campaigns.progress, name="progress"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/activities/add/", plans.activity_add, name="activity_add"),
    path("activities/<int:pk>/remove/", plans.activity_remove, name="activity_remove"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/decide/", plans.plan_decide, name="plan_decide"),
    path("plans/<int:pk>/word/", plans.plan_word, name="plan_word"),
    path("phases/<int:pk>/", phases.phase_gate, name="phase"),
    path("phases/<int:pk>/close/", phases.phase_close, name="phase_close"),
    path("tasks/", tasks.my_tasks, name="my_tasks"),
    path("tasks/<int:pk>/done/", tasks.task_complete, name="task_complete"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.mark_read, name="notifications_read"),
    path("notifications/preferences/", calendar.notification_preferences,
         name="notification_preferences"),
    path("calendar/", calendar.calendar_home, name="calendar"),
    path("calendar/org/<str:code>/", calendar.calendar_org, name="calendar_org"),
    path("calendar/org/<str:code>/add/", calendar.period_add, name="calendar_period_add"),
    path("calendar/org/<str:code>/hours/", calendar.teaching_hours,
         name="calendar_teaching_hours"),
    path("calendar/org/<str:code>/import/", calendar.periods_import,
         name="calendar_import"),
    path("calendar/periods/<int:pk>/", calendar.period_edit, name="calendar_period"),
    path("calendar/periods/<int:pk>/remove/", calendar.period_remove,
         name="calendar_period_remove"),
    path("calendar/mine/", calendar.my_calendar, name="my_calendar"),
    path("calendar/mine/feed/", calendar.my_calendar_feed, name="my_calendar_feed"),
    path("calendar/feed/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]

"""URLs of web: the start page and the language switch."""

from django.urls import path

from vanguard.web import views, views_public

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.set_language, name="set_language"),
    path("public/<str:code>/", views_public.public_school, name="public_school"),
]

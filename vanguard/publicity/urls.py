"""URLs of publicity."""

from django.urls import path

from vanguard.publicity import feeds, views, views_exemplars, views_news, views_public

app_name = "publicity"

urlpatterns = [
    path("<int:campaign>/activities/", views.activity_list, name="activities"),
    path("<int:campaign>/activities/new/", views.activity_add, name="activity_add"),
    path("activities/<int:pk>/", views.activity_detail, name="activity"),
    path("activities/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/remove/", views.photo_remove, name="photo_remove"),
    path("<int:campaign>/exemplars/", views_exemplars.exemplar_list, name="exemplars"),
    path("<int:campaign>/exemplars/new/", views_exemplars.exemplar_nominate,
         name="exemplar_nominate"),
    path("exemplars/<int:pk>/decide/", views_exemplars.exemplar_decide, name="exemplar_decide"),
    path("exemplars/<int:pk>/publish/", views_exemplars.exemplar_publish,
         name="exemplar_publish"),
    path("<int:campaign>/news/", views_news.news_list, name="news_list"),
    path("<int:campaign>/news/new/", views_news.news_add, name="news_add"),
    path("news/<int:pk>/", views_news.news_detail, name="news"),
    path("news/<int:pk>/edit/", views_news.news_edit, name="news_edit"),
    path("news/<int:pk>/submit/", views_news.news_submit, name="news_submit"),
    path("news/<int:pk>/review/", views_news.news_review, name="news_review"),
    path("news/<int:pk>/withdraw/", views_news.news_withdraw, name="news_withdraw"),
    path("public/<int:campaign>/", views_public.public_page, name="public"),
    path("public/<int:campaign>/embed/", views_public.public_embed, name="public_embed"),
    path("public/<int:campaign>/rss/", feeds.NewsFeed(), name="feed_rss"),
    path("public/<int:campaign>/atom/", feeds.AtomNewsFeed(), name="feed_atom"),
    path("public/news/<int:pk>/", views_public.public_news, name="public_news"),
    path("public/photos/<int:pk>/", views_public.public_photo, name="public_photo"),
]

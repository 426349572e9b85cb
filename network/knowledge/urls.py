from django.urls import path

from network.knowledge import feeds, views

app_name = "knowledge"
urlpatterns = [
    path("nyheder/", views.news_list, name="news"),
    path("nyheder/rss/", feeds.NewsFeed(), name="rss"),
    path("nyheder/atom/", feeds.AtomNewsFeed(), name="atom"),
    path("nyheder/<slug:slug>/", views.article_detail, name="article"),
    path("presse/", views.press, name="press"),
    path("om/", views.about, name="about"),
    path("om/aarsrapporter/", views.annual_reports, name="annual_reports"),
    path("om/partnerskaber/", views.partnerships, name="partnerships"),
    path("om/netvaerket/", views.network_members, name="network"),
    path("om/<slug:slug>/", views.page_detail, name="page"),
]

from django.urls import path

from . import views
from .feeds import QuestionFeed, QuestionRssFeed

app_name = "qa"

urlpatterns = [
    path("", views.home, name="home"),
    path("qa/<int:number>/", views.question, name="question-short"),
    path("qa/<int:number>/<str:slug>/", views.question, name="question"),
    path("authors/", views.author_list, name="authors"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("search/", views.search, name="search"),
    path("feeds/questions.atom", QuestionFeed(), name="feed-atom"),
    path("feeds/questions.rss", QuestionRssFeed(), name="feed-rss"),
]

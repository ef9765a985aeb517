from django.urls import path

from qa.web import views
from qa.web.feeds import QuestionFeed, QuestionRssFeed

app_name = "qa"

urlpatterns = [
    path("", views.home, name="home"),
    path("qa/<int:number>/", views.question, name="question-short"),
    path("qa/<int:number>/<str:slug>/", views.question, name="question"),
    path("qa/<int:number>/<str:slug>/side-by-side/", views.side_by_side, name="side-by-side"),
    path("authors/", views.author_list, name="authors"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("search/", views.search, name="search"),
    path("partner-assistance/", views.partner_assistance, name="partner-assistance"),
    path("partner-assistance/pairings.csv", views.pairings_csv, name="pairings-csv"),
    path("partner-assistance/pairings.json", views.pairings_json, name="pairings-json"),
    path("partner-assistance/regions/<slug:code>/", views.region, name="region"),
    path("feeds/questions.atom", QuestionFeed(), name="feed-atom"),
    path("feeds/questions.rss", QuestionRssFeed(), name="feed-rss"),
]

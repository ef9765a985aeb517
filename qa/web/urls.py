"""The reader's addresses, under each language's prefix (/en/, /zh-hans/).

The fixed addresses come first; what is left is a series' own address
(``Series.path``: "qa" for the Hub's first series), so a series path may not
take one of the first segments here (``qa.content.models.RESERVED_PATHS``).
"""

from django.urls import path

from qa.web.feeds import QuestionFeed, QuestionRssFeed, SeriesFeed, SeriesRssFeed
from qa.web.views import citing, pages, partner_assistance, reading, searching, working_papers

app_name = "qa"

urlpatterns = [
    path("", reading.home, name="home"),
    path("authors/", reading.author_list, name="authors"),
    path("authors/<slug:slug>/", reading.author_detail, name="author"),
    path("topics/", reading.topic_list, name="topics"),
    path("topics/<slug:slug>/", reading.topic_detail, name="topic"),
    path("pages/<slug:slug>/", pages.page, name="page"),
    path("search/", searching.search, name="search"),
    path("partner-assistance/", partner_assistance.programme_list, name="partner-assistance"),
    path("partner-assistance/pairings.csv", partner_assistance.pairings_csv, name="pairings-csv"),
    path("partner-assistance/pairings.json", partner_assistance.pairings_json, name="pairings-json"),
    path("partner-assistance/regions/<slug:code>/", partner_assistance.region, name="region"),
    path("partner-assistance/<slug:slug>/", partner_assistance.programme, name="programme"),
    path(
        "partner-assistance/<slug:slug>/pairings.csv", partner_assistance.programme_csv, name="programme-csv"
    ),
    path(
        "partner-assistance/<slug:slug>/pairings.json", partner_assistance.programme_json, name="programme-json"
    ),
    path("feeds/questions.atom", QuestionFeed(), name="feed-atom"),
    path("feeds/questions.rss", QuestionRssFeed(), name="feed-rss"),
    path("<slug:series>/", reading.series_index, name="series"),
    path("<slug:series>/questions.atom", SeriesFeed(), name="series-feed-atom"),
    path("<slug:series>/questions.rss", SeriesRssFeed(), name="series-feed-rss"),
    path("<slug:series>/<int:number>/", reading.question, name="question-short"),
    path("<slug:series>/<int:number>/side-by-side/", reading.side_by_side, name="side-by-side"),
    path("<slug:series>/<int:number>/cite.ris", citing.citation_file, {"extension": "ris"}, name="cite-ris"),
    path("<slug:series>/<int:number>/cite.bib", citing.citation_file, {"extension": "bib"}, name="cite-bib"),
    path("<slug:series>/<int:number>/cite.json", citing.citation_file, {"extension": "json"}, name="cite-json"),
    path("<slug:series>/<int:number>/working-paper.pdf", working_papers.working_paper, name="working-paper"),
    path("<slug:series>/<int:number>/<str:slug>/", reading.question, name="question"),
    path("<slug:series>/<int:number>/<str:slug>/side-by-side/", reading.side_by_side, name="side-by-side-slug"),
]

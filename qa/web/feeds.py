"""Atom and RSS feeds of the published questions, of every series and of each, one per language.

A feed is one XML document for every reader, so a single stored character
XML cannot carry would answer 500 to all of them. Validation keeps such
characters out of new text (qa.text); the feeds also drop them on output,
for rows stored before that rule or written around it.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from qa.languages import language_tag, value_in
from qa.models import Question, Series
from qa.text import FORBIDDEN

FEED_LENGTH = 50


def without_forbidden(value):
    """``value`` without the characters qa.text refuses to store; anything but a string as it is."""
    return FORBIDDEN.sub("", value) if isinstance(value, str) else value


class _XmlSafe:
    """A feed generator that removes qa.text's forbidden characters from every string it is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(without_forbidden, args), **{k: without_forbidden(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(without_forbidden, args), **{k: without_forbidden(v) for k, v in kwargs.items()})


class XmlSafeAtom1Feed(_XmlSafe, Atom1Feed):
    pass


class XmlSafeRssFeed(_XmlSafe, Rss201rev2Feed):
    pass


class QuestionFeed(Feed):
    """Every series' newest questions; ``SeriesFeed`` is one series' own."""

    feed_type = XmlSafeAtom1Feed

    @property
    def language(self):
        return language_tag(translation.get_language())

    def get_object(self, request, series=None):
        return get_object_or_404(Series, path=series) if series else None

    def title(self, series):
        name = value_in(series, "title", translation.get_language())[0] if series else ""
        return name or _("COVID-19 Knowledge Hub")

    def subtitle(self, series):
        return _("New questions and answers from the COVID-19 Knowledge Hub of CIKD.")

    description = subtitle

    def link(self, series):
        return series.get_absolute_url() if series else reverse("qa:home")

    def feed_url(self, series):
        atom = issubclass(self.feed_type, Atom1Feed)
        if series:
            return reverse("qa:series-feed-atom" if atom else "qa:series-feed-rss", kwargs={"series": series.path})
        return reverse("qa:feed-atom" if atom else "qa:feed-rss")

    def items(self, series):
        questions = Question.objects.published().select_related("series").with_body_heads(1).with_bylines()
        if series:
            questions = questions.filter(series=series)
        return questions.order_by("-published", "-pk")[:FEED_LENGTH]

    def item_title(self, question):
        return _("Question %(number)s: %(title)s") % {
            "number": question.number,
            "title": question.text("title", translation.get_language()),
        }

    def item_description(self, question):
        return question.text("summary", translation.get_language())

    def item_link(self, question):
        return question.url_for(translation.get_language())

    def item_author_name(self, question):
        language = translation.get_language()
        return _(", ").join(value_in(author, "name", language)[0] for author in question.byline)

    def item_pubdate(self, question):
        if question.publish_at is not None:
            return timezone.localtime(question.publish_at)
        return datetime.datetime.combine(question.published, datetime.time(), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, question):
        return question.updated


class QuestionRssFeed(QuestionFeed):
    feed_type = XmlSafeRssFeed


class SeriesFeed(QuestionFeed):
    pass


class SeriesRssFeed(QuestionFeed):
    feed_type = XmlSafeRssFeed

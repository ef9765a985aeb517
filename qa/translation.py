from modeltranslation.translator import TranslationOptions, register

from qa.editorial.revisions import register_models
from qa.models import Author, Page, Pairing, Programme, Question, Region, Series, Topic


@register(Series)
class SeriesTranslation(TranslationOptions):
    fields = ("title", "description", "publisher")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("name", "position", "bio")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("slug", "title", "summary", "body")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "organiser", "citation")


@register(Pairing)
class PairingTranslation(TranslationOptions):
    fields = ("note",)


# Registered here, once the translation fields exist, so that every revision
# keeps each language (reversion lists a model's fields when it is registered).
register_models()

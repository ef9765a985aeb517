"""Which rows lack a translation: ``Model.objects.missing_language("en")`` and ``needing_translation()``."""

from django.db import models

from qa.languages import STORED_LANGUAGES, localized_name


def missing_language_q(language, required=(), optional=()):
    """Rows lacking ``language``: a required field empty in it, or an optional
    field empty in it although another language has the text."""

    def empty(field, code):
        name = localized_name(field, code)
        return models.Q(**{name: ""}) | models.Q(**{f"{name}__isnull": True})

    condition = models.Q()
    for field in required:
        condition |= empty(field, language)
    for field in optional:
        for other in STORED_LANGUAGES:
            if other != language:
                condition |= empty(field, language) & ~empty(field, other)
    return condition


class TranslationStatusQuerySet(models.QuerySet):
    """``required_translations`` must exist in every language;
    ``optional_translations`` wherever one language has them."""

    required_translations = ()
    optional_translations = ()

    def missing_language(self, language):
        return self.filter(missing_language_q(language, self.required_translations, self.optional_translations))

    def needing_translation(self):
        condition = models.Q()
        for code in STORED_LANGUAGES:
            condition |= missing_language_q(code, self.required_translations, self.optional_translations)
        return self.filter(condition)

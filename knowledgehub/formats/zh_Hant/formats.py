"""Traditional Chinese pages format numbers as the Simplified ones they are converted from (7,425), and the
admin in Traditional Chinese shows times with their seconds as the Simplified one does."""

from django.conf.locale.zh_Hant.formats import *  # noqa: F401,F403

from knowledgehub.formats.zh_Hans.formats import DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS  # noqa: F401

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

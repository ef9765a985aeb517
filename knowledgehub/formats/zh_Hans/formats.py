"""Chinese number format: group by thousands with a comma, as the Chinese text of the Q&As writes figures (7,425)."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F401,F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

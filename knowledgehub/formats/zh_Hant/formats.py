"""Traditional Chinese pages format numbers as the Simplified ones they are converted from (7,425)."""

from django.conf.locale.zh_Hant.formats import *  # noqa: F401,F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

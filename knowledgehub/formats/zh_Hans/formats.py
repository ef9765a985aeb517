"""Chinese number format: group by thousands with a comma, as the Chinese text of the Q&As writes figures (7,425).

The admin's inputs show a time with its seconds, as the English admin does: Django's Chinese formats
show 09:00:30 as "09:00", which a save of anything else on the form would store back as 09:00:00.
An input shows the first format; every format Django's Chinese reads is still read.
"""

from django.conf.locale.zh_Hans import formats as django_chinese
from django.conf.locale.zh_Hans.formats import *  # noqa: F401,F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

TIME_INPUT_FORMATS = sorted(django_chinese.TIME_INPUT_FORMATS, key=lambda format: not format.endswith("%S"))
DATETIME_INPUT_FORMATS = sorted(django_chinese.DATETIME_INPUT_FORMATS, key=lambda format: not format.endswith("%S"))

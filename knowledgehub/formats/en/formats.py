"""English dates as the Hub's texts write them: "10 February 2020" (day, month, year), not Django's "Feb. 10, 2020"."""

from django.conf.locale.en.formats import *  # noqa: F401,F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"

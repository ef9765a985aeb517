"""The app's models, each defined in its domain package; Django finds them here."""

from qa.content.models import (  # noqa: F401
    Author,
    Authorship,
    PartialDateMixin,
    Question,
    Series,
    Topic,
)
from qa.editorial.review_links import ReviewLink  # noqa: F401
from qa.interchange.models import PendingPaper, SeededRecord, WorkingPaperFile  # noqa: F401
from qa.pages.models import Page  # noqa: F401
from qa.pairings.models import Pairing, Programme, Region  # noqa: F401
from qa.search.models import SearchEntry  # noqa: F401

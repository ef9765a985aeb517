"""Fill a database with sample content at scale, in English and Chinese, and rebuild its search index.

    .venv/bin/python manage.py shell < bench/seed.py                                   # as bench/load.sh does
    DJANGO_SETTINGS_MODULE=knowledgehub.settings .venv/bin/python bench/seed.py [--questions 1000 ...]

Writes 10 series, 1,000 published questions (title, summary and a body of 8 paragraphs in both languages,
bylines and topics), 50 authors, 30 topics and 5 partner-assistance programmes with their regions and pairs,
into the database the settings name (migrate it first), then rebuilds the search index and retires the cached
pages. The rows come from tests/scale_data.py, which tests/test_scale.py measures. Topics, authors and regions
already there (the bundled content's) are reused; a database seeded once is refused.
"""

import argparse
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")
    import django

    django.setup()

from qa.web.cache import retire_cached_pages  # noqa: E402
from tests.scale_data import Scale, build  # noqa: E402


def options():
    """The scale: defaults under ``manage.py shell``, whose arguments are not ours; options when run as a script."""
    scale = Scale()
    if __name__ != "__main__":
        return scale
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, default in vars(scale).items():
        parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default}")
    return Scale(**vars(parser.parse_args()))


def seed():
    try:
        scale = options()
        built = build(scale)
    except ValueError as error:
        sys.exit(str(error))
    retire_cached_pages()
    rows, index = built.seconds["rows"], built.seconds["index"]
    print(f"Seeded in {rows + index:.1f} s (rows {rows:.1f} s, search index {index:.1f} s):")
    print(
        f"  {len(built.series)} series, {built.questions:,} published questions "
        f"({scale.paragraphs} paragraphs each, English and Chinese), {len(built.authors)} authors, "
        f"{len(built.topics)} topics"
    )
    print(f"  {len(built.programmes)} programmes, {built.pairings} pairs, {len(built.regions)} regions")
    print(f"  {built.indexed:,} questions in the search index")


seed()

"""What every error page of the site must be, whichever view or middleware made it: for the tests of
refused requests (tests/test_bad_requests.py, tests/test_refused_forms_and_methods.py)."""

from qa.languages import language_tag


def site_page(response, status, heading, lang):
    """The site's own page: the status, the heading, the reader's `lang`, a way home in that language, and
    nothing of Django's debug page (an inline style, which the CSP blocks, or a word about DEBUG)."""
    html = response.content.decode()
    return (
        response.status_code == status
        and heading in html
        and f'<html lang="{language_tag(lang)}">' in html
        and f'href="/{lang}/"' in html
        and 'href="/"' not in html
        and "style=" not in html
        and "DEBUG" not in html
    )

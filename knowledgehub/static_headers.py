"""Static file headers, for WhiteNoise's documented WHITENOISE_ADD_HEADERS_FUNCTION hook."""

ONE_YEAR = 365 * 24 * 60 * 60


def keep_hashed_files_a_year(headers, path, url):
    """Hashed (never-changing) files are kept one year rather than WhiteNoise's ten.

    WhiteNoise has already marked such a file ``immutable`` when it calls this;
    a year is the longest lifetime HTTP caches are asked to honour (RFC 9111).
    Every other file keeps WhiteNoise's WHITENOISE_MAX_AGE.
    """
    directives = {directive.strip() for directive in headers.get("Cache-Control", "").split(",")}
    if "immutable" in directives:
        headers["Cache-Control"] = f"max-age={ONE_YEAR}, public, immutable"

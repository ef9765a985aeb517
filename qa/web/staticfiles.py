from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """whitenoise, keeping hashed (never-changing) files one year rather than its ten."""

    FOREVER = 365 * 24 * 60 * 60

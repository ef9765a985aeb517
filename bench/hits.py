"""What one page-cache hit costs in process, beside bare Django answering the same bytes: no server, no network.

    .venv/bin/python bench/hits.py                 # ROUNDS=5000 requests of each, PASSES=3 times interleaved

wrk through gunicorn (bench/compare.sh) measures the server, the kernel and wrk as well, and on a 2-CPU
machine its rates wander by a third between rounds. Here each WSGI application is called directly, in a
process of its own (bare Django configures its own settings): the Hub with its file cache, as `make run`,
serving Question 3 of the bundled content from a throwaway DJANGO_VAR_DIR after one read has kept it;
bench/bare_django.py answering that page's bytes; and the Hub again with each middleware before the page
cache's hit (qa.web.cache.PageCacheHitMiddleware) left out in turn, so the table shows what each one adds to
a hit, and once with the hit first of all (what the forwarded-protocol check costs: not servable, the scheme
in the key would then be the client's word); and a search page kept by the process (qa.web.cache.searched_pages)
asked again. Medians, in microseconds.
"""

import io
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("ROUNDS", "5000"))
PASSES = int(os.environ.get("PASSES", "3"))


def environ(address):
    path, _mark, query = address.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def median_microseconds(application, path):
    """Call ``application`` for ``path`` ROUNDS times (after a few to warm it up); the median in microseconds."""
    statuses = []

    def start_response(status, headers, exc_info=None):
        statuses.append(status)

    def request():
        response = application(environ(path), start_response)
        body = b"".join(response)
        response.close()
        return body

    for _ in range(10):
        request()
    assert statuses[-1].startswith("200"), statuses[-1]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        request()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


PAGE_CACHE = "qa.web.cache.PageCacheHitMiddleware"


def hub(path, change):
    """In a child process: the Hub's median for ``path``, with the middleware named in ``change`` left out,
    or with the page cache first (``first``)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knowledgehub.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    django.setup()
    if change == "first":
        settings.MIDDLEWARE = [PAGE_CACHE, *(name for name in settings.MIDDLEWARE if name != PAGE_CACHE)]
    else:
        settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != change]
    print(median_microseconds(WSGIHandler(), path))


def bare(page):
    """In a child process: bare Django's median, answering the bytes of ``page``."""
    os.environ["BARE_PAGE"] = page
    sys.path.insert(0, str(ROOT / "bench"))
    from bare_django import application

    print(median_microseconds(application, "/"))


def child(env, *args):
    command = [sys.executable, __file__, *args]
    return float(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout.split()[-1])


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def main():
    with tempfile.TemporaryDirectory() as directory:
        env = {
            **os.environ,
            "DJANGO_VAR_DIR": directory,
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_LOG_LEVEL": "error",
        }
        for name in ("DATABASE_URL", "CACHE_URL", "REDIS_URL"):
            env.pop(name, None)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        manage(env, "import_content", "content/knowledgehub.json")
        path = manage(
            env,
            "shell",
            "--verbosity",
            "0",
            "-c",
            "from qa.models import Question; print(Question.objects.published().get(number=3).url_for('en'))",
        ).strip()
        outer = manage(env, "shell", "--verbosity", "0", "-c", OUTER.format(page_cache=PAGE_CACHE)).split()
        page = Path(directory) / "question.html"
        page.write_bytes(
            subprocess.run(
                [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", PAGE_BYTES.format(path=path)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            ).stdout
        )
        configurations = [
            ("bare Django, usual middleware, the same bytes", ("--bare", str(page))),
            ("the Hub, page cache hit", ("--hub", path, "")),
            *((f"  without {name.rsplit('.', 1)[-1]}", ("--hub", path, name)) for name in outer),
            ("  with the page cache first", ("--hub", path, "first")),
            ("the Hub, a kept search (q=province)", ("--hub", "/en/search/?q=province", "")),
        ]
        # Every configuration once per pass, PASSES times: a busy moment of the machine falls on one pass.
        runs = [[child(env, *args) for _name, args in configurations] for _ in range(PASSES)]
        rows = [(name, statistics.median(run[i] for run in runs)) for i, (name, _args) in enumerate(configurations)]
        hit = rows[1][1]
        bare_time = rows[0][1]
        print(f"Question 3 ({page.stat().st_size:,} bytes), {ROUNDS} requests each, the median of {PASSES} passes")
        print(f"{'':48} {'µs':>7} {'vs bare':>8} {'saved':>7}")
        for name, value in rows:
            saved = f"{hit - value:6.1f}" if name.startswith("  ") else ""
            print(f"{name:48} {value:7.1f} {value / bare_time:7.2f}× {saved:>7}")


# The page's bytes as a reader gets them (the first read keeps them in the page cache, as in bench/compare.sh).
PAGE_BYTES = """
import sys
from django.test import Client
response = Client(HTTP_HOST="127.0.0.1").get("{path}")
assert response.status_code == 200, response.status_code
sys.stdout.buffer.write(response.content)
"""

# The middleware before the page cache in the site's own settings: a hit passes through each.
OUTER = """
from django.conf import settings
print("\\n".join(settings.MIDDLEWARE[: settings.MIDDLEWARE.index("{page_cache}")]))
"""

if __name__ == "__main__":
    if sys.argv[1:2] == ["--hub"]:
        hub(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["--bare"]:
        bare(sys.argv[2])
    else:
        main()

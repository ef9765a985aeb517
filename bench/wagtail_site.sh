# Sourced by bench/wagtail.sh and bench/compare.sh (after bench/wrk.sh): the yardstick, a stock Wagtail
# project (`wagtail start`, production settings, SQLite) with one page holding the same article as
# bench/seed.py, served by gunicorn with $WORKERS sync workers.
#
# start_wagtail DIR: installs Wagtail into a throw-away virtualenv under DIR, builds the site and starts
# it; sets WAGTAIL_PID and WAGTAIL_URL.
WAGTAIL_VERSION=${WAGTAIL_VERSION:-8.0.1}

start_wagtail() {
local WORK=$1 PORT wagtail_env="env DJANGO_SETTINGS_MODULE=mysite.settings.production"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "wagtail==$WAGTAIL_VERSION" "$(grep '^gunicorn==' requirements.txt)"
mkdir "$WORK/site"
"$WORK/venv/bin/wagtail" start mysite "$WORK/site" >/dev/null
pushd "$WORK/site" >/dev/null
cat >> home/models.py <<'EOF'

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField


class ArticlePage(Page):
    summary = models.TextField(blank=True)
    body = RichTextField()
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
EOF
cat > home/templates/home/article_page.html <<'EOF'
{% extends "base.html" %}{% load wagtailcore_tags %}
{% block content %}<article><h1>{{ page.title }}</h1><p>{{ page.summary }}</p>{{ page.body|richtext }}</article>{% endblock %}
EOF
printf 'SECRET_KEY = "%s"\nALLOWED_HOSTS = ["127.0.0.1"]\n' "$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    > mysite/settings/local.py
$wagtail_env "$WORK/venv/bin/python" manage.py makemigrations home --verbosity 0
$wagtail_env "$WORK/venv/bin/python" manage.py migrate --verbosity 0
$wagtail_env "$WORK/venv/bin/python" manage.py collectstatic --no-input --verbosity 0
$wagtail_env "$WORK/venv/bin/python" manage.py shell --verbosity 0 -c '
from home.models import ArticlePage, HomePage
paragraph = ("China\x27s response combined early detection, isolation of cases, tracing of close contacts and "
             "treatment in designated hospitals, while keeping supplies of food and medicine flowing. ") * 6
page = ArticlePage(
    title="How did China organise question 1 of its COVID-19 response?", slug="question-1",
    summary="A short summary of the answer. " * 3,
    body="".join(f"<h2>Part {n}</h2><p>{paragraph}</p>" for n in range(1, 9)),
)
HomePage.objects.first().add_child(instance=page)
page.save_revision().publish()
'

PORT=$(free_port)
$wagtail_env "$WORK/venv/bin/gunicorn" mysite.wsgi --workers "$WORKERS" --bind "127.0.0.1:$PORT" \
    --access-logfile "$WORK/access.log" --error-logfile "$WORK/error.log" &
WAGTAIL_PID=$!
WAGTAIL_URL="http://127.0.0.1:$PORT/question-1/"
for _ in $(seq 1 50); do
    curl -fs -o /dev/null "$WAGTAIL_URL" && break
    sleep 0.2
done
popd >/dev/null
}

"""The Chinese admin is Chinese.

Two catalogues serve it: locale/ (the Hub's own strings) and knowledgehub/locale/
(third-party strings no installed catalogue translates, kept live by
knowledgehub/admin_strings.py). The first tests extract the msgids as
makemessages would, in a copy of the project, and hold both catalogues to them;
the others render the admin in Chinese and look for the English that used to
show through.
"""

import ast
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from tests import pairing_data, reading_data
from tests.error_pages import site_page
from tests.factories import EditorFactory, StaffFactory

BASE = Path(settings.BASE_DIR)
CATALOGUES = {
    "locale": BASE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
    "knowledgehub/locale": BASE / "knowledgehub" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po",
}
NOT_SOURCE = {".venv", "node_modules", "var", "staticfiles", "artifacts", ".git", ".pytest_cache", "__pycache__"}


# --- a small .po reader -------------------------------------------------------


class Entry:
    def __init__(self):
        self.context = None
        self.msgid = None
        self.plural = None
        self.msgstrs = []
        self.flags = set()
        self.references = []
        self.obsolete = False

    @property
    def key(self):
        return (self.context, self.msgid)

    @property
    def where(self):
        return " ".join(self.references[:3]) or "no reference"

    def __str__(self):
        context = f" (context {self.context!r})" if self.context else ""
        return f"{self.msgid!r}{context} [{self.where}]"


def read_po(path):
    """Entries of a .po or .pot file, header excluded. Obsolete entries (#~) are
    read too, with obsolete set."""
    entries, entry, field = [], Entry(), None

    def finish():
        nonlocal entry
        if entry.msgid:
            entries.append(entry)
        entry = Entry()

    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if line.startswith("|"):
            continue
        if not line:
            finish()
            field = None
            continue
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            append(entry, field, ast.literal_eval(line))
        else:
            keyword, _, value = line.partition(" ")
            if keyword == "msgid" and entry.msgid is not None:
                finish()
            entry.obsolete = entry.obsolete or obsolete
            field = keyword
            if keyword.startswith("msgstr"):
                entry.msgstrs.append("")
            elif keyword == "msgctxt":
                entry.context = ""
            elif keyword == "msgid":
                entry.msgid = ""
            elif keyword == "msgid_plural":
                entry.plural = ""
            append(entry, field, ast.literal_eval(value))
    return entries


def append(entry, field, text):
    if field == "msgctxt":
        entry.context += text
    elif field == "msgid":
        entry.msgid += text
    elif field == "msgid_plural":
        entry.plural += text
    elif field and field.startswith("msgstr"):
        entry.msgstrs[-1] += text


# --- catalogues against the code ------------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """{catalogue: {key: Entry}} as makemessages extracts them now, from a copy
    of the working tree (makemessages rewrites the catalogues it fills)."""
    copy = tmp_path_factory.mktemp("messages") / "project"
    shutil.copytree(
        BASE, copy, ignore=lambda directory, names: [n for n in names if n in NOT_SOURCE or n.endswith((".mo", ".pot"))]
    )
    result = subprocess.run(
        [
            sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--keep-pot",
            "--ignore=.venv", "--ignore=node_modules",
        ],
        cwd=copy,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "knowledgehub.settings",
            "DJANGO_VAR_DIR": str(copy / "var"),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return {
        name: {entry.key: entry for entry in read_po(copy / name / "django.pot")}
        for name in CATALOGUES
        if (copy / name / "django.pot").exists()
    }


@pytest.fixture(scope="module")
def committed():
    return {name: {entry.key: entry for entry in read_po(path)} for name, path in CATALOGUES.items()}


def test_the_code_fills_both_catalogues(extracted):
    """If knowledgehub/admin_strings.py stopped being extracted into its own
    catalogue, the third-party entries would turn obsolete again."""
    assert set(extracted) == set(CATALOGUES)
    assert "Model name" in {msgid for _context, msgid in extracted["knowledgehub/locale"]}


@pytest.mark.parametrize("name", CATALOGUES)
def test_every_msgid_the_code_uses_is_translated(extracted, committed, name):
    entries = committed[name]
    problems = []
    for key, used in sorted(extracted[name].items(), key=lambda item: str(item[0])):
        entry = entries.get(key)
        if entry is None:
            problems.append(f"missing: {used}")
        elif entry.obsolete:
            problems.append(f"obsolete (#~) but used: {used}")
        elif "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {used}")
        elif not all(entry.msgstrs):
            problems.append(f"untranslated: {used}")
    assert not problems, f"{CATALOGUES[name].relative_to(BASE)}, {len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", CATALOGUES)
def test_no_obsolete_entry_holds_a_msgid_in_use(extracted, committed, name):
    """An obsolete entry for a msgid the code uses (here or in the other
    catalogue) is a translation that looks kept but is not compiled."""
    used = {key for entries in extracted.values() for key in entries}
    stale = [str(entry) for entry in committed[name].values() if entry.obsolete and entry.key in used]
    assert not stale, f"{CATALOGUES[name].relative_to(BASE)}: delete or revive:\n" + "\n".join(stale)


@pytest.mark.parametrize("name", CATALOGUES)
def test_catalogues_compile_cleanly_and_are_compiled(name):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (gettext) is not installed")
    path = CATALOGUES[name]
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    compiled = path.with_suffix(".mo")
    assert compiled.exists() and compiled.stat().st_mtime >= path.stat().st_mtime, (
        f"{compiled.relative_to(BASE)} is older than its .po: run `make messages`"
    )


def test_chinese_punctuation_has_no_space_after_it(committed):
    """Full-width punctuation carries its own space; a half-width one after it is a typo."""
    spaced = [
        f"{entry.msgid!r} -> {msgstr!r}"
        for entries in committed.values()
        for entry in entries.values()
        if not entry.obsolete
        for msgstr in entry.msgstrs
        if re.search(r"[，。：；！？、）》」] ", msgstr)
    ]
    assert not spaced, "\n".join(spaced)


# --- Django's own Chinese, held to the project's typography ---------------------

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
FULL_WIDTH_PUNCTUATION = "，。、：；！？（）“”‘’《》「」『』…—"
HALF_WIDTH_PUNCTUATION = ",.:;!?()\"'"
# A half-width space next to a Chinese character or full-width punctuation ("输入一个有效的 URL。",
# "ID 为“%(key)s”的 %(name)s"), or half-width punctuation next to a Chinese character ("请修正重复的数据.").
TYPOGRAPHY_FAULT = re.compile(
    rf"[{HAN}{FULL_WIDTH_PUNCTUATION}] | [{HAN}{FULL_WIDTH_PUNCTUATION}]"
    rf"|[{HAN}][{HALF_WIDTH_PUNCTUATION}]|[{HALF_WIDTH_PUNCTUATION}][{HAN}]"
)

# Msgids of Django's Chinese catalogues this site never shows, so their faults are left as they are.
NEVER_SHOWN = {
    # Language names: LANGUAGES names the site's three languages with its own msgids.
    "Punjabi",
    "Central Kurdish (Sorani)",
    # Model field descriptions, shown only by admindocs and system checks (admindocs is not installed).
    "Boolean (Either True or False)",
    "String (up to %(max_length)s)",
    "Email address",
    "Big (8 byte) integer",
    "IPv4 address",
    "IP address",
    "Boolean (Either True, False or None)",
    "Slug (up to %(max_length)s)",
    "Foreign Key (type determined by related field)",
    "Field of type: %(field_type)s",
    "String (unlimited)",
    "Date (without time)",
    "Date (with time)",
    "A JSON object",
    # The yesno filter's default argument: a list it splits at the half-width commas, not text.
    "yes,no,maybe",
    # Django's CSRF failure page: templates/403_csrf.html replaces it and shows none of its strings.
    "CSRF verification failed. Request aborted.",
    (
        "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your "
        "web browser, but none was sent. This header is required for security reasons, to ensure that your "
        "browser is not being hijacked by third parties."
    ),
    (
        "If you have configured your browser to disable “Referer” headers, please re-enable them, at least "
        "for this site, or for HTTPS connections, or for “same-origin” requests."
    ),
    (
        'If you are using the <meta name="referrer" content="no-referrer"> tag or including the '
        "“Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the "
        "“Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives "
        'like <a rel="noreferrer" …> for links to third-party sites.'
    ),
    (
        "You are seeing this message because this site requires a CSRF cookie when submitting forms. This "
        "cookie is required for security reasons, to ensure that your browser is not being hijacked by third "
        "parties."
    ),
    (
        "If you have configured your browser to disable cookies, please re-enable them, at least for this "
        "site, or for “same-origin” requests."
    ),
    "More information is available with DEBUG=True.",
    # Http404 messages of generic views, the static files view and the contenttypes and auth admin views:
    # shown only on DEBUG's technical 404 page (handler404 renders the site's own 404 page).
    "No %(verbose_name_plural)s available",
    "Future %(verbose_name_plural)s not available because %(class_name)s.allow_future is False.",
    "No %(verbose_name)s found matching the query",
    "Invalid page (%(page_number)s): %(message)s",
    "“%(path)s” does not exist",
    "Invalid date string “%(datestr)s” given format “%(format)s”",
    "Empty list and “%(class_name)s.allow_empty” is False.",
    "Index of %(directory)s",
    "%(name)s object with primary key %(key)r does not exist.",
    "Content type %(ct_id)s object has no associated model",
    "%(ct_name)s objects don’t have a get_absolute_url() method",
    "Content type %(ct_id)s object %(obj_id)s doesn’t exist",
    # The welcome page Django shows with DEBUG and no URLconf.
    (
        'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" '
        'rel="noopener">release notes</a> for Django %(version)s'
    ),
    (
        "You are seeing this page because <a "
        'href="https://docs.djangoproject.com/en/%(version)s/ref/settings/#debug" target="_blank" '
        'rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.'
    ),
    "Django Documentation",
    "Get started with Django",
    "Django Community",
    # The admin's default site_header and site_title: qa/admin.py sets the Hub's own.
    "Django site admin",
    "Django administration",
    # admin/500.html: handler500 renders the site's own 500 page.
    "Server error (500)",
    "Server Error <em>(500)</em>",
    # In Django's zh_Hans catalogue but no longer a msgid of Django 5.2 (it says %d, not %(min_length)d).
    "This password is too short. It must contain at least %(min_length)d character.",
}


DOMAINS = ("django", "djangojs")
FORMAT_FLAGS = ("python-format", "javascript-format")  # djangojs: the admin's JavaScript, served by its jsi18n view


def installed_chinese_catalogues():
    """(domain, path) of the Chinese catalogues of Django itself and of every installed app that ships
    one: what the admin falls back on for a msgid the project's catalogues lack. zh_Hant too: the
    zh-hant admin reads Django's zh_Hant catalogue, which has faults of its own, unless
    knowledgehub/locale's (converted from zh_Hans) holds the msgid."""
    import django
    from django.apps import apps

    directories = [Path(django.__file__).parent / "conf" / "locale"]
    directories += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    for directory in dict.fromkeys(directories):
        for language in ("zh_Hans", "zh_Hant"):
            for domain in DOMAINS:
                path = directory / language / "LC_MESSAGES" / f"{domain}.po"
                if path.exists():
                    yield domain, path


def project_overrides():
    """{domain: {key: Entry}} of the project's zh_Hans catalogues, which LOCALE_PATHS puts before Django's."""
    overrides = {}
    for domain in DOMAINS:
        for locale_path in settings.LOCALE_PATHS:
            path = Path(locale_path) / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                for entry in read_po(path):
                    if not entry.obsolete:
                        overrides.setdefault(domain, {}).setdefault(entry.key, entry)
    return overrides


def test_the_typography_fault_is_found():
    faulty = ["输入一个有效的 URL。", "选项。 %(value)s 不在", "共 %(count)s 条", "重复的数据.", "(隐藏字段"]
    assert all(TYPOGRAPHY_FAULT.search(text) for text in faulty)
    fine = ["输入有效的URL。", "共%(count)s条", "%(name)s（%(error)s）", "按住Control键", "GET数据", "%s KB"]
    assert not any(TYPOGRAPHY_FAULT.search(text) for text in fine)


def test_djangos_chinese_that_breaks_the_typography_is_overridden():
    """Each stock Chinese string with a stray space or half-width punctuation is replaced in
    knowledgehub/locale (django.po, where knowledgehub/admin_strings.py keeps its msgid live, or the
    hand-kept djangojs.po), by a string without them, or is one the site never shows (NEVER_SHOWN)."""
    catalogues = list(installed_chinese_catalogues())
    names = {path.relative_to(path.parents[4]).as_posix() for _domain, path in catalogues}
    assert {
        "conf/locale/zh_Hans/LC_MESSAGES/django.po",
        "admin/locale/zh_Hans/LC_MESSAGES/django.po",
        "admin/locale/zh_Hant/LC_MESSAGES/djangojs.po",
    } <= names
    overrides = project_overrides()
    problems, faulty = [], set()
    for domain, path in catalogues:
        for stock in read_po(path):
            if stock.obsolete or not any(TYPOGRAPHY_FAULT.search(msgstr) for msgstr in stock.msgstrs):
                continue
            faulty.add(stock.key)
            if stock.msgid in NEVER_SHOWN:
                continue
            override = overrides.get(domain, {}).get(stock.key)
            where = path.relative_to(path.parents[4]).as_posix()
            if override is None:
                problems.append(f"not overridden: {stock.msgid!r} ({where}: {stock.msgstrs[0]!r})")
            elif override.plural != stock.plural or not all(override.msgstrs):
                problems.append(f"not the same entry: {stock.msgid!r} (msgid_plural {stock.plural!r})")
            elif any(TYPOGRAPHY_FAULT.search(msgstr) for msgstr in override.msgstrs):
                problems.append(f"overridden, still faulty: {stock.msgid!r} -> {override.msgstrs[0]!r}")
            elif any((flag in stock.flags) != (flag in override.flags) for flag in FORMAT_FLAGS):
                problems.append(f"format flag differs: {stock.msgid!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(dict.fromkeys(problems))
    stale = sorted(msgid for msgid in NEVER_SHOWN if msgid not in {key[1] for key in faulty})
    assert not stale, "on NEVER_SHOWN but no longer faulty in any catalogue:\n" + "\n".join(stale)


# --- the admin in Chinese ---------------------------------------------------------

# English that showed through on the Chinese admin before the catalogues held it.
ENGLISH = [
    "Access attempts", "Access failures", "Access logs", "access attempt", "access failure", "access log",
    "Model name", "Add link", "Change or view list link",
    "Attempt Time", "IP Address", "User Agent", "Username", "Path", "Failed Logins", "Logout Time",
    "Access lock out", "Locked Out", "Attempt Remaining", "Form Data", "Meta Data", "GET Data", "POST Data",
    "HTTP Accept", "Clean up expired attempts", "Not set",
    "After you’ve created a user",
]
# Stock Django Chinese with spaces or ASCII punctuation that this project's catalogue replaces.
SPACED_STOCK = [
    "错误： ", "变更历史： ", "增加 ", "选择 ", " 来修改", "取消选中", "删除所选的 ", "以 ", "请输入一个正确的",
    "密码. ", " 管理",
]


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text outside script and style, and the
    attributes that are read out or shown as tooltips."""

    SPOKEN = ("title", "alt", "aria-label", "placeholder")

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attributes = dict(attrs)
        self.parts.extend(attributes[name] for name in self.SPOKEN if attributes.get(name))
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


@pytest.fixture
def admin_pages(db, client):
    """{url: html} of the admin in Chinese as a superuser: the index, every
    app index, changelist, add form, change form, history and delete
    confirmation, the password change page and the login page."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    content = reading_data.build(editor=True)
    pairing_data.make_hubei_pairing(content["paired"])
    visit = {"ip_address": "192.0.2.1", "user_agent": "Firefox", "http_accept": "*/*", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(username="guest", failures_since_start=2, get_data="", post_data="", **visit)
    AccessLog.objects.create(username="root", **visit)
    AccessFailureLog.objects.create(username="guest", locked_out=True, **visit)
    root = StaffFactory(superuser=True)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    pages = {"/admin/login/": client.get("/admin/login/")}
    pages["/admin/login/ (wrong password)"] = client.post(
        "/admin/login/", {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="192.0.2.9"
    )
    client.force_login(root)
    urls = ["/admin/", reverse("admin:password_change")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append(reverse("admin:app_list", args=[opts.app_label]))
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(_request(root)):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.extend(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])
                for view in ("change", "history", "delete")
            )
    for url in dict.fromkeys(urls):
        pages[url] = client.get(url)
    failed = {url: response.status_code for url, response in pages.items() if response.status_code != 200}
    assert not failed
    return {url: response.content.decode() for url, response in pages.items()}


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


# Django keeps permission names in the database in English ("Can add question"),
# in every language; the permission pickers show them so.
PERMISSION = re.compile(r"\| Can (add|change|delete|view) ")


def test_chinese_admin_shows_none_of_the_english_it_used_to(admin_pages):
    found = []
    for url, html in admin_pages.items():
        for text in visible_text(html):
            if PERMISSION.search(text):
                continue
            found.extend(
                f"{url}: {english!r} in {text[:80]!r}"
                for english in ENGLISH
                if re.search(rf"(?<![A-Za-z]){re.escape(english)}(?![A-Za-z])", text)
            )
    assert not found, f"{len(found)} English strings on the Chinese admin:\n" + "\n".join(dict.fromkeys(found))


def test_chinese_admin_has_no_spaced_stock_strings(admin_pages):
    found = [
        f"{url}: {spaced!r} in {text[:80]!r}"
        for url, html in admin_pages.items()
        for text in visible_text(html)
        for spaced in SPACED_STOCK
        if spaced in text and re.search(r"[\u4e00-\u9fff]", text)
    ]
    assert not found, "\n".join(dict.fromkeys(found))


def test_chinese_admin_lists_with_the_chinese_enumeration_comma(admin_pages):
    """Between two Chinese words of a list, 、 as the catalogue's ", " gives it, never a half-width comma."""
    found = [
        f"{url}: {text[:80]!r}"
        for url, html in admin_pages.items()
        for text in visible_text(html)
        if re.search(r"[\u4e00-\u9fff], ?[\u4e00-\u9fff]", text)
    ]
    assert not found, "\n".join(dict.fromkeys(found))


def test_chinese_admin_names_django_axes(admin_pages):
    """django-axes' AppConfig gives it no translatable name: the admin shows "Axes"
    unless INSTALLED_APPS names knowledgehub.admin_strings.HubAxesConfig."""
    axes = re.compile(r"(?<![A-Za-z])Axes(?![A-Za-z])")
    shown = [url for url, html in admin_pages.items() if axes.search(" ".join(visible_text(html)))]
    assert not shown, (
        "'Axes' on " + ", ".join(shown) + " (INSTALLED_APPS: use knowledgehub.admin_strings.HubAxesConfig)"
    )
    assert "登录限制" in admin_pages["/admin/"]


def test_tab_names_are_given_to_the_script_in_the_admins_language(admin_pages, client):
    change_form = next(
        html for url, html in admin_pages.items() if re.fullmatch(r"/admin/qa/question/\d+/change/", url)
    )
    names = re.search(r'<script src="[^"]*admin-hub/translation-tabs\.js"[^>]*>', change_form)
    assert names, "the change form does not load admin-hub/translation-tabs.js"
    assert 'data-en="英文"' in names[0] and 'data-zh-hans="简体中文"' in names[0], names[0]
    assert set(re.findall(r"data-([a-z-]+)=", names[0])) == set(settings.MODELTRANSLATION_LANGUAGES)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("admin:qa_question_add")).content.decode()
    assert re.search(r'data-en="English"\s+data-zh-hans="Chinese"', english)


FORBIDDEN = {
    "en": "Your account may not open this page",
    "zh-hans": "您的账户无权打开这个页面",
    "zh-hant": "您的賬戶無權打開這個頁面",
}


@pytest.mark.parametrize("lang", list(FORBIDDEN))
def test_an_admin_page_the_editor_may_not_open_is_refused_in_the_editors_language(db, client, lang):
    """Django's own 403 is "403 Forbidden" in English, whatever the admin's language."""
    client.force_login(EditorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/admin/auth/user/")
    assert site_page(response, 403, FORBIDDEN[lang], lang)
    assert 'href="/admin/"' in response.content.decode()


@pytest.mark.parametrize("lang, alt", [("zh-hans", "搜索"), ("zh-hant", "搜索")])
def test_the_admin_search_icon_is_named_in_the_admins_language(db, client, lang, alt):
    """Django's own template names it "Search" in every language."""
    client.force_login(EditorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    html = client.get(reverse("admin:qa_question_changelist")).content.decode()
    assert f'<img src="/static/admin/img/search.svg" alt="{alt}">' in html and 'alt="Search"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lang, duplicate_number, duplicate_author, language_name",
    [
        (
            "en",
            "This series already has a question with this number.",
            "This author is already in the question's byline.",
            " (Traditional Chinese)",
        ),
        ("zh-hans", "该系列已有此编号的问答。", "该作者已在此问答的署名中。", "（繁体中文）"),
    ],
)
def test_a_duplicate_and_a_review_link_are_named_in_the_editors_language(
    lang, duplicate_number, duplicate_author, language_name
):
    """Django's own duplicate message joins the fields with a spaced " 和 " ("包含 系列 和 编号 的 问答 已经
    存在。"), and a reviewer link was named with half-width brackets in Chinese."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
    from django.utils import translation

    from qa.models import Authorship, Question, ReviewLink
    from tests.factories import QuestionFactory

    question = QuestionFactory()
    author = question.authorships.get().author
    with translation.override(lang):
        with pytest.raises(ValidationError) as refused:
            Question(series=question.series, number=question.number).validate_constraints()
        assert refused.value.message_dict == {NON_FIELD_ERRORS: [duplicate_number]}
        with pytest.raises(ValidationError) as refused:
            Authorship(question=question, author=author).validate_constraints()
        assert refused.value.message_dict == {NON_FIELD_ERRORS: [duplicate_author]}
        assert str(ReviewLink(question=question, language="zh-hant")) == f"{question}{language_name}"


# Django's msgids, held in names: a literal gettext() here would be extracted into locale/ as the Hub's own.
CHANGED = "The {name} “{obj}” was changed successfully."
NOT_FOUND = "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"
AT_MOST = ("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.")


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "zh-hant"])
def test_djangos_messages_an_outside_tester_found_spaced_read_as_chinese(client, lang):
    """Django's catalogue said "确保该变量包含不超过 500 字符 (目前字符数 501)。", "具有 网址标识 的 页面
    已存在。", "成功修改了 问答“…”。", "ID 为“999”的 问答 不存在。", and called a slug a "字段"."""
    from django import forms
    from django.core.exceptions import ValidationError
    from django.utils import translation
    from django.utils.translation import gettext, ngettext

    from qa.languages import in_script
    from qa.models import Page, Question
    from tests.factories import PageFactory

    def refusal(field, value):
        with pytest.raises(ValidationError) as refused:
            field.clean(value)
        return refused.value.messages

    page = PageFactory()
    with translation.override(lang):
        with pytest.raises(ValidationError) as duplicate:
            Page(slug=page.slug, title_en="Another").validate_unique()
        question = str(Question._meta.verbose_name)
        shown = [
            refusal(forms.CharField(max_length=500), "x" * 501),
            refusal(forms.URLField(assume_scheme="https"), "not an address"),
            refusal(forms.ChoiceField(choices=[("en", "English")]), "fr"),
            refusal(forms.SlugField(), "a slug"),
            duplicate.value.message_dict["slug"],
            [gettext(CHANGED).format(name=question, obj="…")],
            [gettext(NOT_FOUND) % {"name": question, "key": 9}],
            [ngettext(*AT_MOST, 9) % {"num": 9}],
        ]
    expected = [
        ["请确保该值不超过500个字符（现在有501个）。"],
        ["请输入有效的URL。"],
        ["请选择有效的选项。fr不在可选项中。"],
        ["请输入由字母、数字、下划线或连字符组成的有效网址标识。"],
        ["网址标识相同的页面已存在。"],
        ["成功修改了问答“…”。"],
        ["ID为“9”的问答不存在。可能已经被删除了？"],
        ["请最多提交9个表单。"],
    ]
    assert shown == [[in_script(message, lang) for message in messages] for messages in expected]


JAVASCRIPT_CATALOGUE = BASE / "knowledgehub" / "locale" / "zh_Hans" / "LC_MESSAGES" / "djangojs.po"


def test_the_admins_javascript_catalogue_compiles_cleanly():
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(JAVASCRIPT_CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "zh-hant"])
def test_the_admins_javascript_says_its_chinese_without_stray_spaces(client, lang):
    """The admin's jsi18n catalogue (the count of selected rows, the time zone note under a date and time)
    takes knowledgehub/locale's djangojs over Django's "选中了 %(cnt)s 个中的 %(sel)s 个"."""
    import json

    from qa.languages import in_script

    client.force_login(StaffFactory(superuser=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    assert catalogue["%(sel)s of %(cnt)s selected"] == [in_script("%(cnt)s个中选中了%(sel)s个", lang)]
    assert catalogue["Note: You are %s hour ahead of server time."] == [
        in_script("注意：您的时间比服务器时间快%s小时。", lang)
    ]
    texts = [text for value in catalogue.values() for text in ([value] if isinstance(value, str) else value)]
    assert [text for text in texts if TYPOGRAPHY_FAULT.search(text)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("lang, error", [("en", "Error: "), ("zh-hans", "错误："), ("zh-hant", "錯誤：")])
def test_a_page_with_errors_puts_error_before_its_title_as_the_language_joins_text(client, lang, error):
    """Django's templates put a half-width space after "Error:" in every language ("错误： 增加页面")."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    titles = [client.post("/admin/login/", {"username": "nobody", "password": "wrong"}, REMOTE_ADDR="192.0.2.8")]
    client.force_login(StaffFactory(superuser=True))
    titles.append(client.post(reverse("admin:qa_page_add"), {}))
    titles.append(client.post(reverse("admin:password_change"), {}))
    for response in titles:
        assert response.status_code == 200
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        assert title.startswith(error) and not title.startswith(error + " "), title

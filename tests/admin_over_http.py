"""An editor's browser in plain HTTP, for tests that drive a running host's admin (tests/test_several_hosts.py).

``AdminBrowser`` talks to one gunicorn address with the headers the proxy adds
(docs/nginx.conf.example), keeps the cookies the site sets (they are Secure
behind HTTPS, which urllib's cookie jar would not send over the plain HTTP
between proxy and host), and sends forms as a browser does: every field the
page renders, with its CSRF token, the CSRF cookie and the Origin header.
"""

import http.client
import re
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class FormFields(HTMLParser):
    """The name/value pairs a browser submits for the form with ``form_id``, unchanged (HTML's form submission)."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.found = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = self.found = True
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.fields.append((name, attributes.get("value") or ("on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.fields.append((self.select, attributes.get("value", "")))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the newline that starts a textarea's content and sends line breaks as CRLF.
            text = text.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
            self.fields.append((name, text))
            self.textarea = None
        elif tag == "select":
            self.select = None


def form_fields(html, form_id):
    parser = FormFields(form_id)
    parser.feed(html)
    parser.close()
    assert parser.found, f"no form with id {form_id!r} on the page"
    return parser.fields


class AdminBrowser:
    """One editor's browser session against a host at ``address:port``, its requests leaving from the proxy's
    address with the proxy's headers, so the site is seen at ``origin``."""

    def __init__(self, address, port, proxy_address, proxy_headers, timeout):
        self.address = address
        self.port = port
        self.proxy_address = proxy_address
        self.proxy_headers = proxy_headers
        self.origin = f"{proxy_headers['X-Forwarded-Proto']}://{proxy_headers['Host']}"
        self.timeout = timeout
        self.cookies = {}

    def request(self, method, path, fields=None):
        """(status, Location header, text) of one request on a new connection, keeping the cookies it sets."""
        headers = {**self.proxy_headers, "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            }
        connection = http.client.HTTPConnection(
            self.address, self.port, timeout=self.timeout, source_address=(self.proxy_address, 0)
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            location = urlsplit(response.getheader("Location") or "").path
            return response.status, location, text
        finally:
            connection.close()

    def get(self, path):
        status, _location, text = self.request("GET", path)
        assert status == 200, f"GET {path} answered {status}: {errors_in(text)}"
        return text

    def submit(self, path, form_id, **changes):
        """Load ``path``, send its form ``form_id`` with ``changes``; (status, where it redirects, text)."""
        fields = [(name, value) for name, value in form_fields(self.get(path), form_id) if name not in changes]
        for name, value in changes.items():
            fields.extend((name, item) for item in (value if isinstance(value, list) else [value]))
        return self.request("POST", path, fields)

    def log_in(self, username, password, code):
        """The admin login form: username, password and the code the editor's authenticator app shows."""
        status, location, text = self.submit(
            "/admin/login/?next=/admin/", "login-form", username=username, password=password, otp_token=code
        )
        assert (status, location) == (302, "/admin/"), f"login answered {status}: {errors_in(text)}"


def errors_in(html):
    """The error messages of an admin page, to say why a form was refused."""
    found = re.findall(r'class="(?:errorlist|errornote)[^"]*"[^>]*>(.*?)</(?:ul|p)>', html, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", error).strip() for error in found] or html[:500]

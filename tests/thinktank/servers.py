"""
Real server processes for tests that need more than one: each a gunicorn of its own on a
free port, all on one database and one machine-wide cache, as `make serve` runs them.

The database is a fresh one of the kind the suite runs on (an SQLite file, or a new
PostgreSQL database on the same server), migrated and seeded with `seed_demo`. A test's
look-ups and changes from outside the servers (Site.shell) run in one more process of the
site's, kept for its whole life (tests/thinktank/shell.py).
"""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from tests.thinktank.shell import Shell

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "multi-process-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Database:
    """A throw-away database beside the test database, of the same engine."""

    def __init__(self, folder: Path):
        default = settings.DATABASES["default"]
        self.postgres = default["ENGINE"].endswith("postgresql")
        if self.postgres:
            self.name = f"mp_{uuid.uuid4().hex[:12]}"
            self.server = {
                key: default[key] for key in ("USER", "PASSWORD", "HOST", "PORT") if default[key]
            }
            self._admin(f'CREATE DATABASE "{self.name}"')
            auth = self.server.get("USER", "")
            if self.server.get("PASSWORD"):
                auth += ":" + urllib.parse.quote(self.server["PASSWORD"])
            host = self.server.get("HOST", "127.0.0.1")
            port = self.server.get("PORT", 5432)
            self.url = f"postgres://{auth}@{host}:{port}/{self.name}"
        else:
            self.url = f"sqlite:///{folder / 'db.sqlite3'}"

    def _admin(self, statement: str) -> None:
        import psycopg

        params = {key.lower(): value for key, value in self.server.items()}
        params["dbname"] = "postgres"
        with psycopg.connect(**params, autocommit=True) as connection:
            connection.execute(statement)

    def drop(self) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@dataclass
class Site:
    env: dict
    urls: list[str] = field(default_factory=list)
    processes: list = field(default_factory=list)
    _shell: Shell | None = None

    def manage(self, *args: str) -> str:
        """Run a management command in a process of its own; return what it printed."""
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def shell(self, code: str):
        """
        Run Python in the site's `manage.py shell` (a separate process, kept for all the
        calls: tests/thinktank/shell.py); return the JSON its last printed line holds.
        """
        if self._shell is None or self._shell.env != self.env:  # env changed: start anew
            self.start_shell()
        output = self._shell.run(code)
        return json.loads(output.strip().splitlines()[-1])

    def start_shell(self) -> None:
        """Start the site's shell process, ending the one it had."""
        if self._shell is not None:
            self._shell.stop()
        self._shell = Shell(self.env)

    def start_server(self) -> str:
        return self.start_servers(1)[0]

    def start_servers(self, count: int) -> list[str]:
        """Start count gunicorns side by side; return their URLs once every one answers."""
        started = []
        for _ in range(count):
            port = free_port()
            while any(url.endswith(f":{port}") for url, _process in started):
                port = free_port()
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "thinktank.wsgi", "--workers", "1",
                 "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                cwd=ROOT,
                env=self.env,
            )  # fmt: skip
            self.processes.append(process)
            started.append((f"http://127.0.0.1:{port}", process))
        deadline = time.monotonic() + 60
        for url, process in started:
            while True:
                try:
                    with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
                        if response.status == 200:
                            break
                except (OSError, urllib.error.URLError):
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise AssertionError(f"the server on {url} did not start") from None
                    time.sleep(0.05)
            self.urls.append(url)
        return [url for url, _process in started]

    def start_worker(self) -> None:
        """Start a task worker beside the servers, as `make serve` runs one."""
        process = subprocess.Popen(
            [sys.executable, "manage.py", "tasks_worker", "--queue-name", "*",
             "--interval", "0.2", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        self.processes.append(process)

    def stop(self) -> None:
        # Every process is told first, so that they end side by side.
        if self._shell is not None:
            self._shell.close()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if self._shell is not None:
            self._shell.stop()


def start_site(
    folder: Path, servers: int = 2, seed: bool = True, env: dict | None = None
) -> tuple[Site, Database]:
    """Start servers on a fresh database (seeded); env adds to or overrides their variables."""
    database = Database(folder)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thinktank.settings_test",
        "DATABASE_URL": database.url,
        "CACHE_DIR": str(folder / "cache"),
        "MEDIA_ROOT": str(folder / "media"),
        # Long enough that only invalidation, never expiry, can explain a fresh page.
        "PAGE_CACHE_SECONDS": "3600",
        "SECURE_COOKIES": "0",
        "DEMO_ADMIN_PASSWORD": DEMO_PASSWORD,
        "AXES_ENABLED": "0",
        **(env or {}),
    }
    env.pop("REDIS_URL", None)
    env.pop("PYTEST_XDIST_WORKER", None)  # a server, not a test process: keep CACHE_DIR
    site = Site(env=env)
    try:
        # In the site's shell process, which the tests then use: one Django start for all.
        site.shell(
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            + ("call_command('seed_demo', articles=8, verbosity=0)\n" if seed else "")
            + "print('null')"
        )
        site.start_servers(servers)
    except Exception:
        site.stop()
        database.drop()
        raise
    return site, database


def get(url: str, opener=None) -> tuple[int, dict, str]:
    """GET url as an anonymous reader (or through opener); return status, headers, body."""
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class Staff:
    """A logged-in admin session on one server, as a browser would hold it."""

    def __init__(self, base: str, username: str = "admin", password: str = DEMO_PASSWORD):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.post(
            "/admin/login/?next=/admin/",
            {"username": username, "password": password, "next": "/admin/"},
            form_url="/admin/login/",
        )

    def csrf(self, html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def get(self, path: str) -> tuple[int, dict, str]:
        return get(self.base + path, self.opener)

    def submit(self, path: str, fields: list) -> tuple[int, str]:
        """POST fields (read from a form this session opened, CSRF token included) to path."""
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode([tuple(field) for field in fields]).encode(),
            headers={"Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict | list, form_url: str | None = None):
        """POST data as the form at form_url (default: path) would, with its CSRF token."""
        _status, _headers, html = self.get(form_url or path)
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        fields.append(("csrfmiddlewaretoken", self.csrf(html)))
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Referer": self.base + (form_url or path)},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one form: its fields' names and values."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str) -> list[list[str]]:
    """Return the [name, value] pairs a browser would post from the form with this id."""
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.fields

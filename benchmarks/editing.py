"""
What the editorial benchmarks share: a logged-in staff session speaking real HTTP to the
admin (as tests/thinktank/servers.py's Staff does, but without following the redirect
after a save, so a save is timed alone), change-form edits, and a task worker process.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.thinktank.servers import form_fields

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "bench-editor"
PASSWORD = "bench-editor-password"


def stop_on_sigterm():
    """Let SIGTERM unwind the script, so its servers and worker are stopped too."""
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(143))


def ensure_editor():
    """Create (or reset) the superuser the benchmarks log in as."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(PASSWORD)
    user.save()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 after a save comes back as it is


class Staff:
    """A staff session on one server: cookies, CSRF, admin change forms."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        _status, html = self.get("/admin/login/")
        status, _html = self.send(
            "/admin/login/?next=/admin/",
            [
                ("username", USERNAME),
                ("password", PASSWORD),
                ("next", "/admin/"),
                ("csrfmiddlewaretoken", self.csrf(html)),
            ],
        )
        if status != 302:
            raise SystemExit(f"admin login failed ({status})")

    @staticmethod
    def csrf(html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def send(self, path: str, fields: list) -> tuple[int, str]:
        data = urllib.parse.urlencode([tuple(field) for field in fields]).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        return self._open(request)

    def change_form(self, article_id: int, language: str) -> tuple[str, list]:
        """Open an article's change form in language; return its path and fields."""
        path = f"/admin/articles/article/{article_id}/change/?language={language}"
        status, html = self.get(path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        return path, form_fields(html, "article_form") + [["_save", "Save"]]

    def save(self, article_id: int, language: str, **changes) -> float:
        """
        Save the change form with fields changed (a callable gets the old value); return
        the seconds the POST took, from sending it to the 302 after the commit.
        """
        path, fields = self.change_form(article_id, language)
        for name, value in changes.items():
            found = [field for field in fields if field[0] == name]
            if not found:
                raise SystemExit(f"no field {name} in the change form")
            found[0][1] = value(found[0][1]) if callable(value) else value
        start = time.perf_counter()
        status, html = self.send(path, fields)
        elapsed = time.perf_counter() - start
        if status != 302:
            errors = re.findall(r'class="errorlist[^"]*">(.*?)</ul>', html, re.S)
            raise SystemExit(f"saving {path} answered {status}: {errors[:3] or html[:500]}")
        return elapsed


class Worker:
    """`manage.py tasks_worker` beside the servers, on the same database and settings."""

    def __init__(self, env: dict | None = None):
        log = ROOT / "var" / "bench" / "tasks_worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "tasks_worker", "--no-reload"],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def draft_translations(kind: str, count: int, rng) -> list[tuple[int, str]]:
    """
    (article id, language) of draft translations at random: of any article ("any"), or
    only of articles with no published translation ("unpublished").
    """
    from articles.models import ArticleTranslation, State

    drafts = ArticleTranslation.objects.filter(state=State.DRAFT)
    if kind == "unpublished":
        drafts = drafts.exclude(master__translations__state=State.PUBLISHED)
    found = list(drafts.order_by("pk").values_list("master_id", "language_code")[:20000])
    if len(found) < count:
        raise SystemExit(f"only {len(found)} draft translations ({kind}); seed more articles")
    return rng.sample(found, count)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

"""
The PDF edition of a public language version: its title, byline, date, summary, body,
author note, corrections and public address, rendered by WeasyPrint (core.pdf_render)
and kept in storage.

No model: a version's PDF is named by what it shows. The version key is a hash of the
PDF's HTML and of the stylesheets and fonts (core.pdf_render.fingerprint), so any change a
reader could see in the PDF (an edit, a correction, a renamed author, a new slug) is a new
key, and a key's file never goes stale. The folder is an HMAC of the article and language
with the site's secret: no one can guess it, and the file of a version not public is
reachable only by someone who had its address while it was.

    pdf-editions/<hmac(article, language)>/<key>/<slug>.pdf

Made once per version in the background (articles.tasks.pdf_edition_make, fed by the
"content changed" event), or on the first request for it when the task has not run yet;
making one removes the files of the version's older keys (those stored before its text
was read: a slow render of older text never removes the newer PDF). Whoever makes a key holds a lock
in the shared cache (`cache.add`, atomic across processes) while rendering, so concurrent
first requests and the task render it once: the others wait for the file (`make(wait=)`).
"""

import contextlib
import hashlib
import os
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation as translation_utils
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe

from core import i18n
from core.html import render_rich_text
from core.pdf_render import fingerprint, render_pdf
from translations.models import attach_translation

from .models import ArticleTranslation, Correction
from .page_data import load_page_relations

ROOT = "pdf-editions"
#: How long a lock on making a key holds at most: past it, a process that died rendering
#: no longer keeps the others from making the PDF.
LOCK_SECONDS = 120
#: How often a process waiting for another's PDF looks for the file.
POLL_SECONDS = 0.1


def folder(article_id: int, language: str) -> str:
    """The storage folder of one language version's PDFs (unguessable: an HMAC)."""
    token = salted_hmac("articles.pdf_edition", f"{article_id}:{language}").hexdigest()[:32]
    return f"{ROOT}/{token}"


def public_address(language: str, slug: str) -> str:
    """The absolute public URL of the page (SITE_URL: a task has no request)."""
    return settings.SITE_URL + i18n.url_in(language, "articles:resolve", slug=slug)


def absolute_links(html: SafeString) -> SafeString:
    """
    Links to the site's own paths with its address in front: a PDF is read away from the
    site, and the print stylesheet prints each link's address beside it.
    """
    return mark_safe(re.sub(r'href="/(?!/)', f'href="{settings.SITE_URL}/', html))


class Edition:
    """The PDF edition of one public translation: its HTML, key and storage name."""

    def __init__(self, version: ArticleTranslation):
        self.version = version
        self.language = version.language_code
        self.read_at = time.time()  # When the text was read: files stored since are newer.
        self.html = self._html()
        digest = hashlib.sha256(self.html.encode())
        digest.update(fingerprint().encode())
        self.key = digest.hexdigest()[:24]
        self.folder = folder(version.master_id, self.language)
        self.name = f"{self.folder}/{self.key}/{version.slug}.pdf"

    @property
    def lock(self) -> str:
        """The shared cache's key held by whoever is making this key's PDF."""
        return "pdf-edition-making:" + hashlib.sha256(self.name.encode()).hexdigest()

    @property
    def filename(self) -> str:
        return f"{self.version.slug}.pdf"

    def _html(self) -> str:
        version, language = self.version, self.language
        article = version.master
        with translation_utils.override(language):
            attach_translation(article, version)
            load_page_relations(article, language)
            return render_to_string(
                "articles/pdf.html",
                {
                    "article": article,
                    "translation": version,
                    "body": absolute_links(render_rich_text(version.body)),
                    "authors": list(article.authors.all()),
                    "corrections": list(Correction.objects.shown(article.pk, language)),
                    "language": language,
                    "direction": i18n.direction_of(language),
                    "address": public_address(language, version.slug),
                },
            )

    def exists(self) -> bool:
        return default_storage.exists(self.name)

    def make(self, *, wait: float = 0) -> str | None:
        """
        Render and store the PDF unless stored already; remove older keys' files; return
        its name. If another process is making it, wait up to wait seconds for its file:
        None if it is not there by then (it will be soon).
        """
        lock = self.lock
        token = secrets.token_hex(8)
        deadline = time.monotonic() + wait
        while not self.exists():
            if cache.add(lock, token, LOCK_SECONDS):
                try:
                    self._store()
                finally:
                    if cache.get(lock) == token:  # not another's, after a render past the lock
                        cache.delete(lock)
                break
            if time.monotonic() >= deadline:
                return None
            time.sleep(POLL_SECONDS)
        # Only files older than this text: an edit's PDF stored while this one rendered stays.
        remove(self.version.master_id, self.language, keep=self.key, before=self.read_at)
        return self.name

    def _store(self) -> None:
        if self.exists():  # made by the one who held the lock just before
            return
        content = render_pdf(self.html, base_url=settings.SITE_URL + "/")
        saved = default_storage.save(self.name, ContentFile(content))
        if saved != self.name:  # stored meanwhile by a process that did not take the lock
            default_storage.delete(saved)


def remove(article_id: int, language: str, *, keep: str = "", before: float | None = None) -> int:
    """
    Delete the stored PDFs of a language version, but for key keep (and, with before, but
    for files stored at that time or later); return how many.
    """
    base = folder(article_id, language)
    try:
        keys, _files = default_storage.listdir(base)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    removed = 0
    for key in keys:
        if key == keep:
            continue
        for name in default_storage.listdir(f"{base}/{key}")[1]:
            path = f"{base}/{key}/{name}"
            if before is not None and default_storage.get_modified_time(path).timestamp() >= before:
                continue
            default_storage.delete(path)
            removed += 1
        _remove_empty(f"{base}/{key}")
    return removed


def _remove_empty(path: str) -> None:
    # A folder on disk stays behind once empty (object storage has none).
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(path))

"""
The embedded default with several processes: two real servers and a third process that
changes content. No server may go on serving a page that a change elsewhere made stale.
"""

import re
import threading
import time

import pytest

from tests.thinktank.servers import Staff, form_fields, get, start_site

pytestmark = pytest.mark.django_db(transaction=True)

NEWEST = """
import json
from articles.models import ArticleTranslation
item = (ArticleTranslation.objects.public().filter(language_code="en")
        .order_by("-master__published_at", "-master_id").first())
print(json.dumps({"id": item.master_id, "slug": item.slug}))
"""

WITHDRAW = """
import json
from django.contrib.auth import get_user_model
from articles.models import Article
from articles.services import article_withdraw
article_withdraw(article=Article.objects.get(pk={id}),
                 user=get_user_model().objects.get(username="admin"))
print(json.dumps("withdrawn"))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        site, database = start_site(tmp_path_factory.mktemp("shared-cache"))
    yield site
    site.stop()
    with django_db_blocker.unblock():
        database.drop()


def surfaces(slug: str) -> list[str]:
    """Pages that show the newest English piece: its own page and where it is listed."""
    return [
        f"/policy-analysis/{slug}",
        f"/policy-analysis/{slug}/cite.bib",
        "/",
        "/policy-analysis/",
        "/feeds/rss",
        "/feeds/atom",
    ]


def shows(body: str, slug: str) -> bool:
    return re.search(rf"/policy-analysis/{re.escape(slug)}\b", body) is not None or (
        f"{{{slug}" in body  # the BibTeX key
    )


def warm(site, slug: str) -> None:
    """Have every server cache every surface, and check that they do."""
    for base in site.urls:
        for path in surfaces(slug):
            get(base + path)
            status, headers, body = get(base + path)
            assert status == 200, (base, path)
            assert headers.get("X-Page-Cache") == "hit", (base, path)
            if path.endswith("cite.bib"):
                continue
            assert shows(body, slug), (base, path)


def test_a_withdrawal_from_a_separate_process_reaches_every_server(site):
    newest = site.shell(NEWEST)
    warm(site, newest["slug"])

    site.shell(WITHDRAW.format(id=newest["id"]))

    for base in site.urls:
        status, _headers, _body = get(f"{base}/policy-analysis/{newest['slug']}")
        assert status == 404, base
        status, _headers, _body = get(f"{base}/policy-analysis/{newest['slug']}/cite.bib")
        assert status == 404, base
        for path in surfaces(newest["slug"])[2:]:
            status, _headers, body = get(base + path)
            assert status == 200, (base, path)
            assert not shows(body, newest["slug"]), (base, path)


def test_a_change_made_through_one_server_is_seen_on_the_other(site):
    newest = site.shell(NEWEST)
    warm(site, newest["slug"])
    first, second = site.urls

    status, _html = Staff(first).post(
        "/admin/articles/article/",
        {"action": "withdraw_selected", "_selected_action": str(newest["id"])},
    )
    assert status == 200

    status, _headers, _body = get(f"{second}/policy-analysis/{newest['slug']}")
    assert status == 404
    for path in surfaces(newest["slug"])[2:]:
        _status, _headers, body = get(second + path)
        assert not shows(body, newest["slug"]), path


def test_no_reader_sees_a_withdrawn_piece_once_the_withdrawal_has_returned(site):
    newest = site.shell(NEWEST)
    slug = newest["slug"]
    warm(site, slug)
    seen = []  # (when the request started, path, status, whether it showed the piece)
    stop = threading.Event()

    def read(base):
        while not stop.is_set():
            for path in (f"/policy-analysis/{slug}", "/", "/feeds/rss"):
                started = time.monotonic()
                status, _headers, body = get(base + path)
                seen.append((started, path, status, status == 200 and shows(body, slug)))

    readers = [threading.Thread(target=read, args=(base,)) for base in site.urls * 2]
    for reader in readers:
        reader.start()
    try:
        # Until the readers have read pages showing the piece: four rounds' worth.
        deadline = time.monotonic() + 30
        while sum(entry[3] for entry in seen) < 3 * len(readers):
            assert time.monotonic() < deadline, "the readers read nothing"
            time.sleep(0.05)
        site.shell(WITHDRAW.format(id=newest["id"]))
        withdrawn = time.monotonic()
        time.sleep(2)
    finally:
        stop.set()
        for reader in readers:
            reader.join()

    before = [entry for entry in seen if entry[0] < withdrawn]
    after = [entry for entry in seen if entry[0] > withdrawn]
    assert any(entry[3] for entry in before)
    assert len(after) > 10
    assert {entry[2] for entry in after} <= {200, 404}
    assert [entry for entry in after if entry[3]] == []


ENGLISH = """
import json
from articles.models import ArticleTranslation
items = ArticleTranslation.objects.filter(language_code="en").order_by("master_id")
print(json.dumps([item.master_id for item in items]))
"""

READ = """
import json
from articles.models import ArticleTranslation
item = ArticleTranslation.objects.get(master_id={id}, language_code="en")
print(json.dumps({{"title": item.title, "summary": item.summary}}))
"""


def edit(fields: list, name: str, value: str) -> list:
    found = [field for field in fields if field[0] == name]
    assert found, f"no field {name} in the form"
    found[0][1] = value
    return fields


def open_change_form(staff: Staff, article_id: int) -> tuple[str, list]:
    path = f"/admin/articles/article/{article_id}/change/?language=en"
    status, _headers, html = staff.get(path)
    assert status == 200
    return path, form_fields(html, "article_form") + [["_save", "Save"]]


def test_two_editors_on_two_servers_keep_both_edits(site):
    article_id = site.shell(ENGLISH)[0]
    first, second = site.urls
    alice, bob = Staff(first), Staff(second, username="editor")
    path, alices_form = open_change_form(alice, article_id)
    _path, bobs_form = open_change_form(bob, article_id)

    status, _html = alice.submit(path, edit(alices_form, "summary", "Alice's summary."))
    assert status == 200 and "was changed successfully" in _html
    status, html = bob.submit(path, edit(bobs_form, "title", "Bob's title"))
    assert status == 200 and "was changed successfully" in html

    assert site.shell(READ.format(id=article_id)) == {
        "title": "Bob's title",
        "summary": "Alice's summary.",
    }


def test_simultaneous_saves_on_two_servers_lose_nothing(site):
    article_id = site.shell(ENGLISH)[1]
    first, second = site.urls
    alice, bob = Staff(first), Staff(second, username="editor")
    path, alices_form = open_change_form(alice, article_id)
    _path, bobs_form = open_change_form(bob, article_id)
    edit(alices_form, "summary", "Alice's summary, at the same time.")
    edit(bobs_form, "title", "Bob's title, at the same time")
    answers = {}
    start = threading.Barrier(2)

    def save(name, staff, fields):
        start.wait()
        answers[name] = staff.submit(path, fields)

    savers = [
        threading.Thread(target=save, args=("alice", alice, alices_form)),
        threading.Thread(target=save, args=("bob", bob, bobs_form)),
    ]
    for saver in savers:
        saver.start()
    for saver in savers:
        saver.join()

    for name, (status, html) in answers.items():
        assert status == 200 and "was changed successfully" in html, name
    assert site.shell(READ.format(id=article_id)) == {
        "title": "Bob's title, at the same time",
        "summary": "Alice's summary, at the same time.",
    }

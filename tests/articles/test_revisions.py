"""
Revisions: recorded at every save, listed, compared, and restored with all languages, an
event's and a podcast episode's facts too.
"""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles import services, services_restore
from articles.models import ArticleRevision, ArticleTranslation, State
from articles.revisions import compare, latest, revision_create, snapshot
from articles.services_events import Place
from articles.services_podcast import episode_save
from core.events import Change, content_changed
from tests.articles.audio import mp3_bytes
from tests.articles.events import PAST, save
from tests.articles.factories import ArticleFactory
from tests.articles.test_events import plain
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db
LANGS = ("en", "ar", "fa")


def trilingual(**kwargs):
    return ArticleFactory(
        languages={
            "en": {"title": "Oil and power", "body": "<p>First English text.</p>"},
            "ar": {"title": "النفط والسلطة", "body": "<p>النص العربي الأول.</p>"},
            "fa": {"title": "نفت و قدرت", "body": "<p>متن فارسی نخست.</p>"},
        },
        **kwargs,
    )


def texts(article):
    return {
        t.language_code: (t.title, t.body)
        for t in ArticleTranslation.objects.filter(master=article)
    }


def test_every_admin_save_records_a_revision_with_who_and_which_language(client, editor):
    article = trilingual()
    client.force_login(editor)
    data = open_form(client, article, "ar")  # Opening records the state before the edit.
    data["title"] = "النفط والسلطة في الخليج"
    assert client.post(change_url(article, "ar"), data).status_code == 302
    baseline, saved = article.revisions.order_by("created_at", "id")
    assert baseline.kind == ArticleRevision.Kind.BASELINE
    assert (saved.kind, saved.user, saved.changed_languages) == ("save", editor, ["ar"])
    assert saved.snapshot["translations"]["ar"]["title"] == "النفط والسلطة في الخليج"
    assert not saved.shared_changed


def test_restore_brings_back_all_three_languages_and_the_relations(editor):
    first_author, topic = ExpertFactory(), TopicFactory()
    article = trilingual(authors=[first_author], topics=[topic])
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article).update(title="Rewritten", body="<p>New</p>")
    ArticleTranslation.objects.filter(master=article, language_code="fa").delete()
    article.authorships.all().delete()
    article.topics.clear()

    notes = services_restore.revision_restore(revision=old, user=editor)

    assert notes == []
    assert texts(article) == {
        "en": ("Oil and power", "<p>First English text.</p>"),
        "ar": ("النفط والسلطة", "<p>النص العربي الأول.</p>"),
        "fa": ("نفت و قدرت", "<p>متن فارسی نخست.</p>"),
    }
    assert list(article.authors.all()) == [first_author]
    assert list(article.topics.all()) == [topic]
    # The version it replaced is kept, so the restore can be undone.
    kept = article.revisions.filter(kind="save").exclude(pk=old.pk).get()
    assert kept.snapshot["translations"]["en"]["title"] == "Rewritten"
    assert article.revisions.first().restored_from == old


def test_restore_keeps_workflow_states_and_brings_a_deleted_language_back_as_draft(editor):
    article = trilingual()
    old = revision_create(article=article, user=editor)
    services.translation_unpublish(article=article, language="en", user=editor)
    ArticleTranslation.objects.filter(master=article, language_code="fa").delete()
    services_restore.revision_restore(revision=old, user=editor)
    states = dict(
        ArticleTranslation.objects.filter(master=article).values_list("language_code", "state")
    )
    assert states == {"en": State.DRAFT, "ar": State.PUBLISHED, "fa": State.DRAFT}


def test_restore_removes_a_language_added_after_the_revision(editor):
    article = ArticleFactory(languages={"en": "draft"})
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.create(master=article, language_code="ar", title="جديد")
    services_restore.revision_restore(revision=old, user=editor)
    assert set(texts(article)) == {"en"}


def test_a_translator_may_not_restore(translator, editor):
    article = trilingual()
    old = revision_create(article=article, user=editor)
    with pytest.raises(services.NotPermitted):
        services_restore.revision_restore(revision=old, user=translator)


def test_a_restored_slug_leaves_a_redirect_from_the_current_one(editor):
    article = ArticleFactory(languages={"en": {"slug": "old-name"}})
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article).update(slug="new-name")
    services_restore.revision_restore(revision=old, user=editor)
    assert article.translations.get().slug == "old-name"
    assert article.slug_redirects.get().old_slug == "new-name"


def test_compare_lists_changes_per_field_and_language():
    article = trilingual()
    before = snapshot(article)
    ArticleTranslation.objects.filter(master=article, language_code="fa").update(title="تازه")
    changes = compare(before, snapshot(article))
    assert [(c.language, c.field, c.old, c.new) for c in changes] == [
        ("fa", "title", "نفت و قدرت", "تازه")
    ]


def test_history_view_lists_revisions_and_the_diff_view_shows_words(client, editor):
    article = trilingual()
    first = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article, language_code="en").update(
        body="<p>Second English text.</p>"
    )
    second = revision_create(article=article, user=editor)
    client.force_login(editor)

    html = client.get(reverse("admin:articles_article_history", args=[article.pk])).content
    html = html.decode()
    assert f"#{first.pk}" in html and f"#{second.pk}" in html and "English" in html

    url = reverse("admin:articles_article_compare", args=[article.pk])
    response = client.get(url, {"a": first.pk, "b": second.pk})
    html = response.content.decode()
    assert "<del>First</del><ins>Second</ins>" in html
    assert response.context["changes"][0]["field"] == "body"


def test_restore_view_confirms_then_restores(client, editor):
    article = trilingual()
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article, language_code="ar").update(title="عنوان آخر")
    client.force_login(editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, old.pk])
    response = client.get(url)
    assert "عنوان آخر" in response.content.decode()
    assert ArticleTranslation.objects.get(master=article, language_code="ar").title == "عنوان آخر"
    client.post(url)
    assert (
        ArticleTranslation.objects.get(master=article, language_code="ar").title == "النفط والسلطة"
    )


def test_the_restore_view_refuses_a_translator(client, translator, editor):
    article = trilingual()
    old = revision_create(article=article, user=editor)
    client.force_login(translator)
    url = reverse("admin:articles_article_restore", args=[article.pk, old.pk])
    assert client.post(url).status_code == 403


def test_a_restore_sends_one_event_for_the_article_in_every_language(editor):
    article = trilingual(authors=[ExpertFactory()])
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article).update(title="Rewritten")
    sent = []
    content_changed.connect(
        lambda changes, **kw: sent.append(changes), weak=False, dispatch_uid="r"
    )
    try:
        services_restore.revision_restore(revision=old, user=editor)
    finally:
        content_changed.disconnect(dispatch_uid="r")
    assert sent == [(Change("articles.article", article.pk, frozenset(LANGS), True),)]


def test_the_restore_view_runs_the_restore_service(client, editor):
    article = trilingual()
    old = revision_create(article=article, user=editor)
    ArticleTranslation.objects.filter(master=article, language_code="ar").update(title="عنوان آخر")
    client.force_login(editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, old.pk])
    with mock.patch.object(
        services_restore, "revision_restore", wraps=services_restore.revision_restore
    ) as restore:
        client.post(url)
    restore.assert_called_once_with(revision=old, user=editor)
    assert ArticleTranslation.objects.get(master=article, language_code="ar").title == (
        "النفط والسلطة"
    )


def test_restore_brings_back_an_event_s_times_place_links_and_speakers(forum, editor, speaker):
    old = latest(forum)
    other = ExpertFactory(names={"en": "Omar Haddad"})
    save(forum, editor, PAST, time_zone="Asia/Tehran", mode="online", speakers=[other],
         places={"en": Place(venue="Online studio")}, registration_url="https://example.org/new",
         online_url="", outside_speakers="Someone Else")  # fmt: skip
    changed = plain(Client().get("/policy-analysis/energy-forum"))
    assert "Hotel Adlon" not in changed and "Omar Haddad" in changed

    assert services_restore.revision_restore(revision=old, user=editor) == []

    page = plain(Client().get("/policy-analysis/energy-forum"))
    assert '<time datetime="2030-06-12T18:30:00+02:00"' in page
    assert "(local time at the event, Europe/Berlin, UTC+02:00)" in page
    assert "Hotel Adlon, Unter den Linden 77, Berlin" in page and "Online studio" not in page
    assert (
        'href="https://example.org/register"' in page and 'href="https://example.org/live"' in page
    )
    assert "Leila Karimi" in page and "Jane Roe" in page and "John Doe" in page
    assert "Omar Haddad" not in page and "Someone Else" not in page
    assert "هتل آدلون" in plain(Client().get("/fa/policy-analysis/hamayesh"))
    assert list(forum.event.speakers.all()) == [speaker]


def test_restore_notes_a_speaker_deleted_since_and_keeps_the_others(forum, editor, speaker):
    gone = ExpertFactory()
    save(forum, editor, speakers=[speaker, gone])
    old = latest(forum)
    gone.delete()
    save(forum, editor, speakers=[])
    notes = services_restore.revision_restore(revision=old, user=editor)
    assert notes == ["A speaker of that revision has since been deleted."]
    assert list(forum.event.speakers.all()) == [speaker]


def test_restore_brings_back_an_episode_s_numbers_and_guests_and_keeps_its_audio(editor):
    piece = ArticleFactory(languages={"en": {"slug": "oil-talk", "title": "Oil talk"}})
    guest = ExpertFactory(names={"en": "Leila Karimi"})
    audio = SimpleUploadedFile("ep.mp3", mp3_bytes(60), content_type="audio/mpeg")
    episode_save(article=piece, user=editor, audio=audio, episode_number=7, season_number=2,
                 guests=[guest], outside_guests="Jane Roe")  # fmt: skip
    old = latest(piece)
    newer = SimpleUploadedFile("ep2.mp3", mp3_bytes(90), content_type="audio/mpeg")
    episode_save(article=piece, user=editor, audio=newer, episode_number=9, explicit=True,
                 guests=[ExpertFactory(names={"en": "Omar Haddad"})])  # fmt: skip
    assert "Listen: episode 9" in Client().get("/policy-analysis/oil-talk").content.decode()

    notes = services_restore.revision_restore(revision=old, user=editor)

    assert notes == ["The audio file of that revision was replaced since; kept the current one."]
    page = Client().get("/policy-analysis/oil-talk").content.decode()
    assert "Listen: season 2, episode 7" in page
    assert "Leila Karimi" in page and "Jane Roe" in page and "Omar Haddad" not in page
    assert '<time datetime="PT1M30S">1:30</time>' in page  # The current file, still there.
    piece.episode.refresh_from_db()
    assert not piece.episode.explicit


def test_the_diff_view_shows_an_event_s_changes_by_name(client, forum, editor, speaker):
    old = latest(forum)
    other = ExpertFactory(names={"en": "Omar Haddad"})
    save(forum, editor, PAST, time_zone="Asia/Tehran", speakers=[speaker, other])
    new = latest(forum)
    assert new.shared_changed
    fields = {c.field for c in compare(old.snapshot, new.snapshot)}
    assert {"starts_at", "ends_at", "time_zone", "speakers"} <= fields
    client.force_login(editor)
    url = reverse("admin:articles_article_compare", args=[forum.pk])
    html = client.get(url, {"a": old.pk, "b": new.pk}).content.decode()
    assert "Leila Karimi, Omar Haddad" in html and "Asia/Tehran" in html
    assert "Nov. 5, 2025" in html  # The new start, as a date.

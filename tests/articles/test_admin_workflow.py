"""The workflow as staff use it in the admin: buttons, states at a glance, comments, actions."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleTranslation, SlugRedirect, State
from experts.models import Expert
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory

from .admin_forms import change_url, form_data, open_form

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def press(client, article, language, action, **extra):
    data = open_form(client, article, language)
    data.update(_workflow=action, **extra)
    return client.post(change_url(article, language), data, follow=True)


def state(article, language):
    return ArticleTranslation.objects.get(master=article, language_code=language).state


def test_author_submits_editor_requests_changes_and_the_author_reads_the_comment(
    client, author, editor
):
    article = ArticleFactory(created_by=author, languages={"en": "draft"})
    client.force_login(author)
    response = press(client, article, "en", "submit")
    assert "The English translation was submitted for review." in messages_of(response)

    client.force_login(editor)
    response = press(client, article, "en", "request_changes", _workflow_comment="Cite sources.")
    assert state(article, "en") == State.DRAFT

    client.force_login(author)
    html = client.get(change_url(article, "en")).content.decode()
    assert "Changes requested by editor-role" in html and "Cite sources." in html


def test_request_changes_without_a_comment_is_refused_with_a_message(client, editor):
    article = ArticleFactory(languages={"en": "review"})
    client.force_login(editor)
    response = press(client, article, "en", "request_changes")
    assert "Say what needs to change: the comment is required." in messages_of(response)
    assert state(article, "en") == State.REVIEW


def test_editor_creates_and_publishes_in_one_step(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_add"))
    data = form_data(response)
    kind = ArticleFactory().article_type
    data.update(title="Fresh analysis", article_type=kind.pk, _workflow="publish")
    response = client.post(reverse("admin:articles_article_add"), data, follow=True)
    article = Article.objects.get(translations__title="Fresh analysis")
    assert article.created_by == editor
    assert state(article, "en") == State.PUBLISHED
    assert article in Article.objects.public("en")
    assert "The English translation is published." in messages_of(response)


def test_a_future_publication_time_shows_as_scheduled(client, editor):
    article = ArticleFactory(published_at=None, languages={"en": "review", "ar": "draft"})
    client.force_login(editor)
    data = open_form(client, article, "en")
    when = timezone.localtime() + timedelta(days=2)
    data.update(
        published_at_0=when.date().isoformat(),
        published_at_1=when.time().replace(microsecond=0).isoformat(),
        _workflow="publish",
    )
    response = client.post(change_url(article, "en"), data, follow=True)
    assert "The English translation is scheduled." in messages_of(response)
    html = client.get(CHANGELIST).content.decode()
    assert "EN Scheduled" in html and "AR Draft" in html and "FA Missing" in html
    assert not Article.objects.public("en").exists()
    actions = list(article.workflow_events.values_list("action", flat=True))
    assert actions == ["publish", "schedule"]


def test_withdraw_button_and_state_column(client, editor):
    article = ArticleFactory(languages={"en": "published"})
    client.force_login(editor)
    press(client, article, "en", "withdraw")
    article.refresh_from_db()
    assert article.is_withdrawn
    assert "EN Withdrawn" in client.get(CHANGELIST).content.decode()


def test_bulk_publish_in_the_filtered_language_only(client, editor):
    first = ArticleFactory(languages={"en": "review", "ar": "review"})
    second = ArticleFactory(languages={"ar": "review"})
    client.force_login(editor)
    response = client.post(
        CHANGELIST + "?lang=ar",
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "2 changes made." in messages_of(response)
    assert (state(first, "ar"), state(second, "ar"), state(first, "en")) == (
        State.PUBLISHED,
        State.PUBLISHED,
        State.REVIEW,
    )


def test_authors_do_not_get_the_editorial_actions(client, author):
    ArticleFactory(created_by=author)
    client.force_login(author)
    html = client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in html and "withdraw_selected" not in html


def test_a_changed_slug_leaves_a_redirect_per_language(client, editor):
    article = ArticleFactory(languages={"en": {"slug": "oil-prices"}, "ar": {"slug": "oil-prices"}})
    client.force_login(editor)
    data = open_form(client, article, "ar")
    data["slug"] = "asaar-alnaft"
    client.post(change_url(article, "ar"), data)
    redirect = SlugRedirect.objects.get()
    assert (redirect.language_code, redirect.old_slug, redirect.article) == (
        "ar",
        "oil-prices",
        article,
    )
    # Taking the old slug back removes the redirect.
    data = open_form(client, article, "ar")
    data["slug"] = "oil-prices"
    client.post(change_url(article, "ar"), data)
    assert SlugRedirect.objects.get().old_slug == "asaar-alnaft"


def test_a_text_file_named_jpg_gets_a_clear_form_error(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    data = open_form(client, article)
    data["hero_image"] = SimpleUploadedFile("photo.jpg", b"not an image\n" * 50)
    data["hero_alt"] = "A photo"
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["hero_image"]
    assert errors == ["This file is not a JPEG, PNG or WebP image, or it is damaged."]


def test_a_hero_image_needs_alt_text(client, editor, tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    article = ArticleFactory()
    client.force_login(editor)
    data = open_form(client, article)
    data["hero_image"] = SimpleUploadedFile("hero.png", buffer.getvalue())
    response = client.post(change_url(article), data)
    assert "hero_alt" in response.context["adminform"].form.errors


def test_expert_bios_are_sanitized_on_save_and_bad_photos_refused(client, editor):
    expert = ExpertFactory()
    client.force_login(editor)
    url = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"
    data = form_data(client.get(url))
    data["full_bio"] = '<p>Scholar<script>alert(1)</script> <a href="javascript:x()">me</a></p>'
    assert client.post(url, data).status_code == 302
    expert = Expert.objects.language("en").get(pk=expert.pk)
    assert expert.full_bio == '<p>Scholar <a rel="noopener noreferrer">me</a></p>'

    data["photo"] = SimpleUploadedFile("face.jpg", b"GIF89a not really")
    response = client.post(url, data)
    assert "not a JPEG, PNG or WebP image" in str(response.context["adminform"].form.errors)


def test_arabic_and_farsi_text_fields_are_edited_right_to_left(client, editor):
    article = ArticleFactory(languages={"fa": "draft"})
    client.force_login(editor)
    html = client.get(change_url(article, "fa")).content.decode()
    assert '<div class="rich-text-editor" dir="rtl">' in html
    assert 'dir="rtl" lang="fa"' in html
    html = client.get(change_url(article, "en")).content.decode()
    assert '<div class="rich-text-editor" dir="ltr">' in html


def test_an_uploaded_hero_image_gets_its_renditions_at_once(client, editor):
    import io

    from django.core.cache import cache
    from django.core.files.storage import default_storage
    from PIL import Image

    from core import images

    cache.clear()
    buffer = io.BytesIO()
    Image.new("RGB", (900, 500), (10, 120, 60)).save(buffer, "PNG")
    article = ArticleFactory()
    client.force_login(editor)
    data = open_form(client, article)
    data.update(hero_image=SimpleUploadedFile("harbour.png", buffer.getvalue()), hero_alt="Harbour")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.hero_image.name.endswith(".png")
    assert default_storage.exists(images._rendition_name(article.hero_image.name, 800))


def test_the_change_page_shows_every_languages_state(client, editor):
    article = ArticleFactory(languages={"en": "published", "ar": "review"})
    client.force_login(editor)
    html = client.get(change_url(article, "ar")).content.decode()
    assert "State of this language: <strong>In review</strong>" in html
    assert "EN Published" in html and "AR In review" in html and "FA Missing" in html


def test_a_translator_saves_and_submits_a_new_translation_in_one_step(client, translator):
    article = ArticleFactory(languages={"en": "published"})
    client.force_login(translator)
    html = client.get(change_url(article, "fa")).content.decode()
    assert 'value="submit"' in html and 'value="publish"' not in html
    assert "FA Missing" in html
    data = open_form(client, article, "fa")
    data.update(title="ترجمه", _workflow="submit")
    response = client.post(change_url(article, "fa"), data, follow=True)
    assert "The فارسی translation was submitted for review." in messages_of(response)
    assert state(article, "fa") == State.REVIEW


def test_an_author_opens_the_add_page_with_only_the_submit_button(client, author):
    client.force_login(author)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'value="submit"' in html and 'value="publish"' not in html


@pytest.mark.parametrize("url_name", ["admin:articles_article_add", "admin:experts_expert_add"])
def test_the_editors_import_map_carries_the_nonce_the_policy_allows(client, editor, url_name):
    import re

    client.force_login(editor)
    response = client.get(reverse(url_name))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()

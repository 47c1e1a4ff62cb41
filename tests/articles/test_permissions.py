"""
The permission matrix: role × action × language, enforced on the server. Edits go through
the admin as a browser (or a forged request) would send them; transitions through the
services and through the admin's workflow buttons.
"""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission

from articles import policy, roles, services
from articles.models import ArticleTranslation, State
from tests.articles.factories import ArticleFactory
from tests.taxonomy.factories import TopicFactory

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db
LANGS = ("en", "ar", "fa")
ROLES = ("owner", "other_author", "editor", "translator", "administrator")
Y, N = True, False

# Source language English; every translation a draft. (en, ar, fa) for each role.
EDIT_TEXT = {
    "owner": (Y, Y, Y),
    "other_author": (N, N, N),
    "editor": (Y, Y, Y),
    "translator": (N, N, Y),  # Farsi only; never the source language.
    "administrator": (Y, Y, Y),
}
EDIT_SHARED = {"owner": Y, "other_author": N, "editor": Y, "translator": N, "administrator": Y}
# Transitions editors hold: publish, request changes, unpublish, withdraw.
EDITORIAL = {"owner": N, "other_author": N, "editor": Y, "translator": N, "administrator": Y}


@pytest.fixture
def people(author, other_author, editor, translator, administrator):
    return {
        "owner": author,
        "other_author": other_author,
        "editor": editor,
        "translator": translator,
        "administrator": administrator,
    }


def drafts(owner):
    return ArticleFactory(
        created_by=owner, source_language="en", languages=dict.fromkeys(LANGS, "draft")
    )


def test_the_editorial_groups_exist_with_their_permissions():
    perms = {
        group.name: {p.codename for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions")
    }
    assert {"Author", "Editor", "Translator", "Administrator"} <= set(perms)
    assert "add_article" in perms["Author"] and "publish_article" not in perms["Author"]
    assert {"publish_article", "withdraw_article", "edit_any_article"} <= perms["Editor"]
    assert {"change_expert", "change_topic", "add_relatedarticle"} <= perms["Editor"]
    assert "translate_article" in perms["Translator"] and "add_article" not in perms["Translator"]
    assert "change_expert" not in perms["Translator"] | perms["Author"]
    assert {"change_user", "change_translatorlanguage"} <= perms["Administrator"]


def test_the_roles_migration_keeps_the_roles_it_was_written_with(monkeypatch):
    migration = importlib.import_module("articles.migrations.0003_editorial_roles")
    # A later change of the roles (here: authors may only view articles) ...
    monkeypatch.setitem(roles.ROLES, "Author", {"articles.article": ["view"]})
    migration.apply_roles(Group, Permission)
    # ... leaves what the old migration does as it was.
    author = {p.codename for p in Group.objects.get(name="Author").permissions.all()}
    assert {"add_article", "change_article", "add_authorship"} <= author


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", LANGS)
def test_editing_a_translation_through_the_admin(client, people, role, language):
    user = people[role]
    article = drafts(people["owner"])
    client.force_login(user)
    allowed = EDIT_TEXT[role][LANGS.index(language)]
    assert policy.can_edit_translation(user, article, language) is allowed

    response = client.get(change_url(article, language))
    assert response.status_code == 200  # Everyone sees every article.
    form = response.context["adminform"].form
    if allowed:
        assert not form.fields["title"].disabled
        data = open_form(client, article, language)
        data["title"] = "Changed title"
        response = client.post(change_url(article, language), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
    else:
        # Shown locked, and a forged request is refused.
        data = open_form(client, article, language, include_disabled=True)
        data["title"] = "Changed title"
        response = client.post(change_url(article, language), data)
        assert response.status_code in (200, 403)
    title = ArticleTranslation.objects.get(master=article, language_code=language).title
    assert (title == "Changed title") is allowed


@pytest.mark.parametrize("role", ROLES)
def test_changing_shared_fields_through_the_admin(client, people, role):
    user = people[role]
    article = drafts(people["owner"])
    topic = TopicFactory()
    client.force_login(user)
    language = "fa"  # A language every role but one may at least open.
    data = open_form(client, article, language, include_disabled=True)
    data["topics"] = [str(topic.pk)]
    response = client.post(change_url(article, language), data)
    changed = list(article.topics.all()) == [topic]
    assert changed is EDIT_SHARED[role], response.status_code
    if role == "translator":
        assert response.status_code == 200
        errors = response.context["adminform"].form.non_field_errors()
        assert "You may not change this field: Topics." in errors


def test_translator_sees_shared_fields_disabled(client, translator):
    article = drafts(None)
    client.force_login(translator)
    form = client.get(change_url(article, "fa")).context["adminform"].form
    for name in ("topics", "regions", "article_type", "hero_image", "published_at"):
        assert form.fields[name].disabled, name
    assert not form.fields["body"].disabled


def test_translator_cannot_edit_once_the_translation_is_in_review(client, translator):
    article = ArticleFactory(languages={"en": "published", "fa": "review"})
    client.force_login(translator)
    assert not policy.can_edit_translation(translator, article, "fa")
    response = client.get(change_url(article, "fa"))
    assert response.context["has_change_permission"] is False


def test_translator_may_add_a_missing_translation_in_an_assigned_language(client, translator):
    article = ArticleFactory(languages={"en": "published"})
    client.force_login(translator)
    data = open_form(client, article, "fa")
    data.update(title="تحلیل تازه", body="<p>متن</p>")
    response = client.post(change_url(article, "fa"), data)
    assert response.status_code == 302
    fa = ArticleTranslation.objects.get(master=article, language_code="fa")
    assert (fa.title, fa.state) == ("تحلیل تازه", State.DRAFT)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", LANGS)
def test_submitting_for_review(people, role, language):
    article = drafts(people["owner"])
    allowed = EDIT_TEXT[role][LANGS.index(language)]
    if allowed:
        services.translation_submit(article=article, language=language, user=people[role])
    else:
        with pytest.raises(services.NotPermitted):
            services.translation_submit(article=article, language=language, user=people[role])
    state = ArticleTranslation.objects.get(master=article, language_code=language).state
    assert (state == State.REVIEW) is allowed


TRANSITIONS = {
    "publish": (State.REVIEW, State.PUBLISHED, services.translation_publish, {}),
    "request_changes": (
        State.REVIEW,
        State.DRAFT,
        services.translation_request_changes,
        {"comment": "Please check the figures."},
    ),
    "unpublish": (State.PUBLISHED, State.DRAFT, services.translation_unpublish, {}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("action", TRANSITIONS)
def test_editorial_transitions(people, role, language, action):
    start, end, service, extra = TRANSITIONS[action]
    article = ArticleFactory(created_by=people["owner"], languages=dict.fromkeys(LANGS, start))
    user = people[role]
    if EDITORIAL[role]:
        service(article=article, language=language, user=user, **extra)
    else:
        with pytest.raises(services.NotPermitted):
            service(article=article, language=language, user=user, **extra)
    state = ArticleTranslation.objects.get(master=article, language_code=language).state
    assert (state == end) is EDITORIAL[role]


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing(people, role):
    article = ArticleFactory(created_by=people["owner"])
    if EDITORIAL[role]:
        services.article_withdraw(article=article, user=people[role])
    else:
        with pytest.raises(services.NotPermitted):
            services.article_withdraw(article=article, user=people[role])
    article.refresh_from_db()
    assert article.is_withdrawn is EDITORIAL[role]


@pytest.mark.parametrize("role", ["owner", "translator"])
def test_a_forged_publish_button_is_refused(client, people, role):
    """The button is not shown, and a POST that presses it anyway publishes nothing."""
    article = ArticleFactory(created_by=people["owner"], languages={"en": "draft", "fa": "draft"})
    client.force_login(people[role])
    language = "fa"
    response = client.get(change_url(article, language))
    assert b'value="publish"' not in response.content
    data = open_form(client, article, language)
    data.update(_workflow="publish", state="published")
    response = client.post(change_url(article, language), data, follow=True)
    assert "You may not publish." in [str(m) for m in response.context["messages"]]
    assert ArticleTranslation.objects.get(master=article, language_code="fa").state == "draft"


def test_editor_manages_experts_and_taxonomy_and_authors_do_not(client, editor, author):
    from django.urls import reverse

    for user, expected in ((editor, 200), (author, 403)):
        client.force_login(user)
        for name in ("experts_expert", "taxonomy_topic", "taxonomy_region"):
            assert client.get(reverse(f"admin:{name}_add")).status_code == expected


def test_only_editors_see_the_pinned_related_articles_as_editable(client, editor, author):
    article = drafts(author)
    for user, editable in ((editor, True), (author, False)):
        client.force_login(user)
        response = client.get(change_url(article))
        pins = next(
            f
            for f in response.context["inline_admin_formsets"]
            if f.opts.model.__name__ == "RelatedArticle"
        )
        assert pins.has_add_permission is editable


def test_a_translators_forged_author_and_image_changes_are_refused(client, translator):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from tests.experts.factories import ExpertFactory

    article = drafts(None)
    expert = ExpertFactory()
    client.force_login(translator)
    data = open_form(client, article, "fa")
    data.update(
        {
            "authorships-TOTAL_FORMS": "1",
            "authorships-0-expert": str(expert.pk),
            "authorships-0-position": "0",
        }
    )
    client.post(change_url(article, "fa"), data)
    assert not article.authorships.exists()  # The inline is read-only for translators.

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, "PNG")
    data = open_form(client, article, "fa")
    data["hero_image"] = SimpleUploadedFile("new.png", buffer.getvalue())
    response = client.post(change_url(article, "fa"), data)
    assert (
        "You may not change this field: Hero image."
        in response.context["adminform"].form.non_field_errors()
    )
    article.refresh_from_db()
    assert not article.hero_image

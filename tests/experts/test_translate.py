"""
Translating experts: side by side, by the translators of a language; an English edit of
the source text outdates the other languages and shows them what changed.
"""

import pytest
from django.urls import reverse

from experts.models import Expert, ExpertTranslation
from tests.articles.admin_forms import form_data, open_translation, translate_url
from tests.articles.factories import UserFactory
from tests.experts.factories import ExpertFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert():
    return ExpertFactory(
        names={"en": "Dana Stroul", "ar": "دانا سترول", "fa": "دانا استرول"},
    )


@pytest.fixture
def editor():
    return UserFactory(username="maya", role="Editor")


@pytest.fixture
def translator():
    return UserFactory(username="omid", role="Translator", languages=["fa"])


def change(client, expert, language, **changes):
    url = reverse("admin:experts_expert_change", args=[expert.pk]) + f"?language={language}"
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return url


def outdated(expert) -> set[str]:
    return {
        t.language_code
        for t in ExpertTranslation.objects.filter(master=expert)
        if t.language_code != "en"
        and t.made_from_version < Expert.objects.get(pk=expert.pk).source_version
    }


def test_a_translator_translates_an_expert_into_their_language(client, translator, expert):
    client.force_login(translator)
    response = client.get(translate_url(expert, "fa"))
    assert response.status_code == 200
    rows = {row["field"].name: row["source"] for row in response.context["rows"]}
    assert list(rows) == ["name", "role", "short_bio", "full_bio", "photo_alt"]
    assert "Dana Stroul" in rows["name"]
    html = response.content.decode()
    assert '<div class="rich-text-editor" dir="rtl">' in html
    data = open_translation(client, expert, "fa")
    data["role"] = "پژوهشگر ارشد"
    assert client.post(translate_url(expert, "fa"), data).status_code == 302
    assert Expert.objects.language("fa").get(pk=expert.pk).role == "پژوهشگر ارشد"


def test_a_translator_may_not_translate_other_languages_or_the_source(client, translator, expert):
    client.force_login(translator)
    assert client.post(translate_url(expert, "ar"), {"name": "x"}).status_code == 403
    assert client.get(translate_url(expert, "ar")).context["editable"] is False
    url = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"
    response = client.get(url)
    assert response.context["has_change_permission"] is False  # English: editors only.


def test_an_english_edit_outdates_the_translations_and_shows_what_changed(
    client, editor, translator, expert
):
    client.force_login(editor)
    change(client, expert, "en", role="Senior Fellow")
    assert outdated(expert) == {"ar", "fa"}
    client.force_login(translator)
    html = client.get(translate_url(expert, "fa")).content.decode()
    assert "Outdated: the English source text changed" in html
    assert "<ins>Senior </ins>Fellow" in html
    data = open_translation(client, expert, "fa")
    data.update(role="پژوهشگر ارشد", up_to_date="on")
    assert client.post(translate_url(expert, "fa"), data).status_code == 302
    assert outdated(expert) == {"ar"}


def test_a_minor_english_edit_outdates_nothing(client, editor, expert):
    client.force_login(editor)
    change(client, expert, "en", role="Fellow.", minor_edit="on")
    assert outdated(expert) == set()


def test_the_change_form_shows_the_outdated_flag_too(client, editor, expert):
    client.force_login(editor)
    change(client, expert, "en", role="Senior Fellow")
    url = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=ar"
    html = client.get(url).content.decode()
    assert "<ins>Senior </ins>Fellow" in html and 'name="up_to_date"' in html
    assert f'href="{translate_url(expert, "ar")}"' in html

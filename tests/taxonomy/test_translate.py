"""Translating topics, regions and content types side by side, and their outdated flags."""

import pytest
from django.urls import reverse

from taxonomy.models import Topic
from tests.articles.admin_forms import form_data, open_translation, translate_url
from tests.articles.factories import UserFactory
from tests.taxonomy.factories import ArticleTypeFactory, RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [TopicFactory, RegionFactory, ArticleTypeFactory])
def test_a_farsi_translator_translates_a_term_next_to_its_english(client, factory):
    term = factory(languages=("en",), names={"en": "Energy & Economics"})
    client.force_login(UserFactory(role="Translator", languages=["fa"]))
    response = client.get(translate_url(term, "fa"))
    assert [row["field"].name for row in response.context["rows"]] == [
        "name",
        "slug",
        "description",
    ]
    form = response.context["form"]
    assert form.fields["name"].widget.attrs == {
        **form.fields["name"].widget.attrs,
        "dir": "rtl",
        "lang": "fa",
    }
    assert form.fields["slug"].widget.attrs["dir"] == "ltr"
    data = open_translation(client, term, "fa")
    data["name"] = "انرژی و اقتصاد"
    assert client.post(translate_url(term, "fa"), data).status_code == 302
    translation = type(term).objects.language("fa").get(pk=term.pk)
    assert (translation.name, translation.slug) == ("انرژی و اقتصاد", "anrzhy-w-aqtsad")


def test_a_renamed_topic_outdates_its_translations_until_they_catch_up(client):
    topic = TopicFactory(names={"en": "Energy", "ar": "الطاقة", "fa": "انرژی"})
    client.force_login(UserFactory(role="Editor"))
    url = reverse("admin:taxonomy_topic_change", args=[topic.pk]) + "?language=en"
    data = form_data(client.get(url))
    data["name"] = "Energy & Economics"
    assert client.post(url, data).status_code == 302
    assert Topic.objects.get(pk=topic.pk).is_outdated("ar")
    html = client.get(translate_url(topic, "ar")).content.decode()
    assert "Energy<ins> &amp; Economics</ins>" in html
    data = open_translation(client, topic, "ar")
    data.update(name="الطاقة والاقتصاد", up_to_date="on")
    assert client.post(translate_url(topic, "ar"), data).status_code == 302
    topic = Topic.objects.get(pk=topic.pk)
    assert not topic.is_outdated("ar") and topic.is_outdated("fa")


def test_the_term_change_form_writes_names_in_their_direction(client):
    topic = TopicFactory()
    client.force_login(UserFactory(role="Editor"))
    url = reverse("admin:taxonomy_topic_change", args=[topic.pk]) + "?language=fa"
    form = client.get(url).context["adminform"].form
    assert form.fields["name"].widget.attrs["dir"] == "rtl"
    assert form.fields["description"].widget.attrs["lang"] == "fa"

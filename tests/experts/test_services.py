"""Saving experts and terms goes through experts.services and taxonomy.services."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.events import content_changed
from experts import services as expert_services
from experts.models import ExpertTranslation
from taxonomy import services as term_services
from taxonomy.models import TopicTranslation
from tests.articles.admin_forms import form_data, open_translation, translate_url
from tests.articles.factories import UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator():
    return UserFactory(username="omid", role="Translator", languages=["fa"])


@pytest.fixture
def editor():
    return UserFactory(username="maya", role="Editor")


def test_a_translator_may_not_save_an_expert_in_a_language_not_hers(translator):
    expert = ExpertFactory(names={"en": "Dana Stroul"})
    written = []
    with pytest.raises(PermissionDenied):
        expert_services.expert_save(
            expert=expert,
            language="ar",
            user=translator,
            created=False,
            write_fields=lambda: written.append(True),
        )
    assert written == []


def test_an_expert_save_sends_one_public_event(editor):
    expert = ExpertFactory(names={"en": "Dana Stroul"})
    sent = []
    content_changed.connect(
        lambda changes, **kw: sent.append(changes), weak=False, dispatch_uid="e"
    )
    try:
        expert_services.expert_save(
            expert=expert, language="en", user=editor, created=False, write_fields=expert.save
        )
    finally:
        content_changed.disconnect(dispatch_uid="e")
    (changes,) = sent
    assert [(c.kind, c.id, c.public) for c in changes] == [("experts.expert", expert.pk, True)]


def test_the_expert_change_form_and_side_by_side_view_save_through_expert_save(
    client, editor, translator
):
    expert = ExpertFactory(names={"en": "Dana Stroul", "fa": "دانا استرول"})
    client.force_login(editor)
    url = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"
    data = form_data(client.get(url))
    data["name"] = "Dana Stroul-Reed"
    with mock.patch.object(
        expert_services, "expert_save", wraps=expert_services.expert_save
    ) as expert_save:
        assert client.post(url, data).status_code == 302
        client.force_login(translator)
        data = open_translation(client, expert, "fa")
        data["name"] = "دانا استرول رید"
        assert client.post(translate_url(expert, "fa"), data).status_code == 302
    assert [call.kwargs["language"] for call in expert_save.call_args_list] == ["en", "fa"]
    names = dict(
        ExpertTranslation.objects.filter(master=expert).values_list("language_code", "name")
    )
    assert (names["en"], names["fa"]) == ("Dana Stroul-Reed", "دانا استرول رید")


def test_the_term_change_form_saves_through_term_save(client, editor):
    topic = TopicFactory(names={"en": "Energy"})
    client.force_login(editor)
    url = reverse("admin:taxonomy_topic_change", args=[topic.pk]) + "?language=en"
    data = form_data(client.get(url))
    data["name"] = "Energy markets"
    with mock.patch.object(term_services, "term_save", wraps=term_services.term_save) as term_save:
        assert client.post(url, data).status_code == 302
    term_save.assert_called_once()
    assert TopicTranslation.objects.get(master=topic, language_code="en").name == "Energy markets"

"""
Two editors change one expert or term at once: the second save is refused with what was
typed kept, and only a deliberate second save replaces the first (translations.concurrency).
"""

import pytest
from django.test import Client
from django.urls import reverse

from experts.models import Expert
from taxonomy.models import Topic
from tests.articles.admin_forms import form_data
from tests.articles.factories import UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

pytestmark = pytest.mark.django_db

STALE = "Someone else saved this page since you opened it"


@pytest.fixture
def two_editors():
    maya, omid = Client(), Client()
    maya.force_login(UserFactory(username="maya", role="Editor"))
    omid.force_login(UserFactory(username="omid", role="Editor"))
    return maya, omid


def name(model, pk, language="en"):
    return model.objects.language(language).get(pk=pk).name


@pytest.mark.parametrize("kind", ["expert", "topic"])
def test_the_second_of_two_saves_is_refused_and_keeps_what_was_typed(two_editors, kind):
    maya, omid = two_editors
    obj, model = (
        (ExpertFactory(names={"en": "Dana Stroul"}), Expert)
        if kind == "expert"
        else (TopicFactory(names={"en": "Energy"}), Topic)
    )
    app = model._meta.app_label
    url = reverse(f"admin:{app}_{kind}_change", args=[obj.pk]) + "?language=en"
    maya_form, omid_form = form_data(maya.get(url)), form_data(omid.get(url))

    maya_form["name"] = "Maya's name"
    assert maya.post(url, maya_form).status_code == 302

    omid_form["name"] = "Omid's name"
    response = omid.post(url, omid_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert STALE in html
    assert 'value="Omid\'s name"' in html or "Omid&#x27;s name" in html  # still in the form
    assert name(model, obj.pk) == "Maya's name"  # the first save stands

    # Omid has seen the warning; saving the form again is his choice, and it goes through.
    again = form_data(response)
    assert again["name"] == "Omid's name"
    assert omid.post(url, again).status_code == 302
    assert name(model, obj.pk) == "Omid's name"


def test_edits_of_two_languages_at_once_do_not_collide(two_editors):
    maya, omid = two_editors
    expert = ExpertFactory(names={"en": "Dana Stroul", "ar": "دانا سترول"})
    english = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=en"
    arabic = reverse("admin:experts_expert_change", args=[expert.pk]) + "?language=ar"
    maya_form, omid_form = form_data(maya.get(english)), form_data(omid.get(arabic))
    maya_form["name"] = "Dana E. Stroul"
    assert maya.post(english, maya_form).status_code == 302
    omid_form["name"] = "دانا إ. سترول"
    assert omid.post(arabic, omid_form).status_code == 302
    assert name(Expert, expert.pk) == "Dana E. Stroul"
    assert name(Expert, expert.pk, "ar") == "دانا إ. سترول"


def test_a_save_with_nothing_in_between_is_not_refused(two_editors):
    maya, _omid = two_editors
    topic = TopicFactory(names={"en": "Energy"})
    url = reverse("admin:taxonomy_topic_change", args=[topic.pk]) + "?language=en"
    for title in ("Energy and economics", "Energy & economics"):
        data = form_data(maya.get(url))
        data["name"] = title
        assert maya.post(url, data).status_code == 302
    assert name(Topic, topic.pk) == "Energy & economics"

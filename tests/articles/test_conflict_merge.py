"""
Two editors save the same article from forms opened at the same time: the second save is
merged with the first field by field, and where both changed a field the second editor
chooses; nothing the first saved is reverted without that choice.

Over 300 lines on purpose: one behaviour (the merge of concurrent saves), seen through each
kind of value it merges (fields, the authors' inline, the side-by-side view), with the
shared fixtures of two editors' forms.
"""

import pytest
from django.test import Client

from articles.models import Article, ArticleTranslation
from tests.articles.factories import ArticleFactory, UserFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import TopicFactory

from .admin_forms import (
    change_url,
    form_data,
    open_form,
    open_translation,
    translate_url,
    translation_data,
)

pytestmark = pytest.mark.django_db
CONFLICT = "Someone else changed this article after you opened it"


@pytest.fixture
def maya(db):
    client = Client()
    client.force_login(UserFactory(username="maya", role="Editor"))
    return client


@pytest.fixture
def omid(db):
    client = Client()
    client.force_login(UserFactory(username="omid", role="Editor"))
    return client


@pytest.fixture
def article(db):
    return ArticleFactory(
        languages={
            "en": {"title": "Original title", "summary": "Original summary"},
            "fa": {"title": "عنوان نخست", "summary": "خلاصه نخست", "state": "draft"},
        },
        is_featured=False,
    )


def text(article, language="en"):
    return ArticleTranslation.objects.get(master=article, language_code=language)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def choices_in(response) -> dict:
    """Return the fields the conflict panel asks about: {label: (theirs, mine)}."""
    conflict = response.context["conflict"]
    return {str(c["field"]): (c["theirs"], c["mine"]) for c in conflict["choices"]}


# The change form: fields only one side changed.


def test_a_field_only_they_changed_keeps_their_value(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["summary"] = "Maya's summary"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["title"] = "Omid's title"  # Omid's form still holds the original summary.
    response = omid.post(change_url(article), omid_form, follow=True)

    en = text(article)
    assert (en.title, en.summary) == ("Omid's title", "Maya's summary")
    assert any("Someone else saved this article" in m for m in messages_of(response))
    assert any("summary" in m for m in messages_of(response))
    saved = article.revisions.first().snapshot["translations"]["en"]
    assert (saved["title"], saved["summary"]) == ("Omid's title", "Maya's summary")


def test_a_field_only_i_changed_takes_my_value(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["title"] = "Maya's title"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["summary"] = "Omid's summary"
    assert omid.post(change_url(article), omid_form).status_code == 302

    en = text(article)
    assert (en.title, en.summary) == ("Maya's title", "Omid's summary")


def test_shared_fields_merge_with_a_form_of_another_language(maya, omid, article):
    topic = TopicFactory()
    maya_form, omid_form = open_form(maya, article, "en"), open_form(omid, article, "fa")
    maya_form["is_featured"] = "on"
    maya_form["topics"] = [str(topic.pk)]
    assert maya.post(change_url(article, "en"), maya_form).status_code == 302

    omid_form["summary"] = "خلاصه امید"
    assert omid.post(change_url(article, "fa"), omid_form).status_code == 302

    article.refresh_from_db()
    assert article.is_featured and list(article.topics.all()) == [topic]
    assert text(article, "fa").summary == "خلاصه امید"


def test_a_publication_time_only_they_changed_is_not_rescheduled(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["published_at_0"] = "2031-05-04"
    assert maya.post(change_url(article), maya_form).status_code == 302
    scheduled = Article.objects.get(pk=article.pk).published_at

    omid_form["title"] = "Omid's title"
    assert omid.post(change_url(article), omid_form).status_code == 302

    assert Article.objects.get(pk=article.pk).published_at == scheduled
    assert text(article).title == "Omid's title"


# The change form: fields both changed.


def test_fields_both_changed_are_shown_side_by_side_and_nothing_is_saved(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form.update(title="Maya's title", summary="Maya's summary", author_note="Maya's note")
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form.update(title="Omid's title", summary="Omid's summary")
    response = omid.post(change_url(article), omid_form)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html and "maya" in html
    assert choices_in(response) == {
        "title": ("Maya's title", "Omid's title"),
        "summary": ("Maya's summary", "Omid's summary"),
    }
    assert 'name="_keep_title" value="theirs"' in html
    assert 'name="_keep_title" value="mine"' in html
    en = text(article)
    assert (en.title, en.summary) == ("Maya's title", "Maya's summary")  # Nothing written.
    # The form shows what a save will keep: Maya's note, Omid's title and summary.
    form = response.context["adminform"].form
    assert form["author_note"].value() == "Maya's note"
    assert (form["title"].value(), form["summary"].value()) == ("Omid's title", "Omid's summary")


def test_my_choice_per_field_is_saved(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form.update(title="Maya's title", summary="Maya's summary", author_note="Maya's note")
    assert maya.post(change_url(article), maya_form).status_code == 302
    omid_form.update(title="Omid's title", summary="Omid's summary")
    conflict = omid.post(change_url(article), omid_form)

    again = form_data(conflict)
    again.update(_keep_title="mine", _keep_summary="theirs")
    assert omid.post(change_url(article), again).status_code == 302

    en = text(article)
    assert (en.title, en.summary, en.author_note) == (
        "Omid's title",
        "Maya's summary",
        "Maya's note",
    )


def test_a_choice_keeps_every_field_only_they_changed(maya, omid, article):
    topic = TopicFactory()
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form.update(title="Maya's title", summary="Maya's summary", is_featured="on")
    maya_form.update(topics=[str(topic.pk)], published_at_0="2031-05-04")
    assert maya.post(change_url(article), maya_form).status_code == 302
    theirs = Article.objects.get(pk=article.pk)
    omid_form["title"] = "Omid's title"
    conflict = omid.post(change_url(article), omid_form)
    assert list(choices_in(conflict)) == ["title"]

    again = form_data(conflict)
    again["_keep_title"] = "mine"
    assert omid.post(change_url(article), again).status_code == 302

    saved = Article.objects.get(pk=article.pk)
    assert (saved.is_featured, saved.published_at) == (True, theirs.published_at)
    assert list(saved.topics.all()) == [topic]
    assert (text(article).title, text(article).summary) == ("Omid's title", "Maya's summary")


def test_saving_without_choosing_asks_again_and_writes_nothing(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form.update(title="Maya's title")
    assert maya.post(change_url(article), maya_form).status_code == 302
    omid_form.update(title="Omid's title", summary="Omid's summary")
    conflict = omid.post(change_url(article), omid_form)

    response = omid.post(change_url(article), form_data(conflict))  # No choice made.

    assert response.status_code == 200
    assert choices_in(response) == {"title": ("Maya's title", "Omid's title")}
    assert (text(article).title, text(article).summary) == ("Maya's title", "Original summary")


def test_a_choice_made_before_they_saved_again_is_asked_again(maya, omid, article):
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["title"] = "Maya's title"
    assert maya.post(change_url(article), maya_form).status_code == 302
    omid_form["title"] = "Omid's title"
    conflict = omid.post(change_url(article), omid_form)
    # While Omid chooses, Maya changes the title once more.
    maya_form = open_form(maya, article)
    maya_form["title"] = "Maya's second title"
    assert maya.post(change_url(article), maya_form).status_code == 302

    again = form_data(conflict)
    again["_keep_title"] = "mine"
    response = omid.post(change_url(article), again)

    assert response.status_code == 200
    assert choices_in(response) == {"title": ("Maya's second title", "Omid's title")}
    assert text(article).title == "Maya's second title"


def test_without_a_known_base_every_difference_is_a_choice(maya, omid, article):
    open_form(omid, article)  # Records the baseline revision.
    # A change made outside the admin records no revision: the next form opens at a state
    # no revision holds, so its save cannot tell who changed what.
    ArticleTranslation.objects.filter(master=article, language_code="en").update(title="Shell")
    omid_form = open_form(omid, article)
    maya_form = open_form(maya, article)
    maya_form["summary"] = "Maya's summary"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["title"] = "Omid's title"
    response = omid.post(change_url(article), omid_form)

    assert response.status_code == 200
    assert choices_in(response) == {
        "title": ("Shell", "Omid's title"),
        "summary": ("Maya's summary", "Original summary"),
    }
    assert (text(article).title, text(article).summary) == ("Shell", "Maya's summary")


# The change form: the authors, an inline.


def test_authors_only_they_reordered_keep_their_order(maya, omid):
    first, second = ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[first, second])
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["authorships-0-position"], maya_form["authorships-1-position"] = "1", "0"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["summary"] = "Omid's summary"
    assert omid.post(change_url(article), omid_form).status_code == 302

    assert list(article.authors.order_by("authorships__position")) == [second, first]
    assert text(article).summary == "Omid's summary"


def test_an_author_they_removed_stays_removed(maya, omid):
    first, second = ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[first, second])
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["authorships-1-DELETE"] = "on"
    assert maya.post(change_url(article), maya_form).status_code == 302

    omid_form["title"] = "Omid's title"
    assert omid.post(change_url(article), omid_form).status_code == 302

    assert list(article.authors.all()) == [first]
    assert text(article).title == "Omid's title"


def test_authors_both_changed_are_a_choice(maya, omid):
    first, second, third = ExpertFactory(), ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[first, second])
    maya_form, omid_form = open_form(maya, article), open_form(omid, article)
    maya_form["authorships-1-DELETE"] = "on"
    assert maya.post(change_url(article), maya_form).status_code == 302
    omid_form.update(
        {
            "authorships-TOTAL_FORMS": "3",
            "authorships-2-expert": str(third.pk),
            "authorships-2-position": "2",
        }
    )
    conflict = omid.post(change_url(article), omid_form)

    assert conflict.status_code == 200
    assert choices_in(conflict) == {
        "authors": (str(first), f"{first}, {second}, {third}"),
    }
    assert list(article.authors.all()) == [first]

    again = form_data(conflict)
    again["_keep_authors"] = "mine"
    assert omid.post(change_url(article), again).status_code == 302
    assert list(article.authors.order_by("authorships__position")) == [first, second, third]


# The side-by-side view.


@pytest.fixture
def translator(db):
    client = Client()
    client.force_login(UserFactory(username="sara", role="Translator", languages=["fa"]))
    return client


def test_side_by_side_keeps_a_field_only_they_changed(maya, translator, article):
    stale = open_translation(translator, article, "fa")
    maya_form = open_form(maya, article, "fa")
    maya_form["summary"] = "خلاصه مایا"
    assert maya.post(change_url(article, "fa"), maya_form).status_code == 302

    stale["title"] = "عنوان سارا"
    response = translator.post(translate_url(article, "fa"), stale, follow=True)

    fa = text(article, "fa")
    assert (fa.title, fa.summary) == ("عنوان سارا", "خلاصه مایا")
    assert any("Someone else saved this article" in m for m in messages_of(response))


def test_side_by_side_asks_for_a_field_both_changed_then_saves_the_choice(
    maya, translator, article
):
    stale = open_translation(translator, article, "fa")
    maya_form = open_form(maya, article, "fa")
    maya_form.update(title="عنوان مایا", summary="خلاصه مایا")
    assert maya.post(change_url(article, "fa"), maya_form).status_code == 302

    stale.update(title="عنوان سارا", body="<p>متن سارا</p>")
    conflict = translator.post(translate_url(article, "fa"), stale)

    assert conflict.status_code == 200
    assert CONFLICT in conflict.content.decode()
    assert choices_in(conflict) == {"title": ("عنوان مایا", "عنوان سارا")}
    assert text(article, "fa").title == "عنوان مایا"
    assert text(article, "fa").body != "<p>متن سارا</p>"  # Nothing written yet.
    assert conflict.context["form"]["summary"].value() == "خلاصه مایا"

    again = translation_data(conflict)
    again["_keep_title"] = "mine"
    assert translator.post(translate_url(article, "fa"), again).status_code == 302
    fa = text(article, "fa")
    assert (fa.title, fa.summary, fa.body) == ("عنوان سارا", "خلاصه مایا", "<p>متن سارا</p>")


# Requests that did not come from the form; a single editor.


def test_a_change_form_post_without_the_version_token_is_refused(maya, article):
    data = open_form(maya, article)
    del data["version"]
    data["title"] = "Posted by a script"
    response = maya.post(change_url(article), data)
    assert response.status_code == 400
    assert "it carries no version token" in response.content.decode()
    assert text(article).title == "Original title"


def test_a_side_by_side_post_without_the_version_token_is_refused(translator, article):
    data = open_translation(translator, article, "fa")
    data["version"] = ""
    data["title"] = "از یک اسکریپت"
    response = translator.post(translate_url(article, "fa"), data)
    assert response.status_code == 400
    assert "it carries no version token" in response.content.decode()
    assert text(article, "fa").title == "عنوان نخست"


def test_a_single_editor_saves_as_before(maya, article):
    data = open_form(maya, article)
    data.update(title="New title", summary="New summary")
    response = maya.post(change_url(article), data, follow=True)
    en = text(article)
    assert (en.title, en.summary) == ("New title", "New summary")
    assert not any("Someone else" in m for m in messages_of(response))
    # And again from a form opened after that save.
    data = open_form(maya, article)
    data["title"] = "Newer title"
    assert maya.post(change_url(article), data).status_code == 302
    assert text(article).title == "Newer title"

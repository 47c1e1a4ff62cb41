"""
Relinking an article (its authors, topics and regions, pins) goes through articles.services_links,
called directly, from the change form (through article_save) or from a revision restore.
"""

from unittest import mock

import pytest

from articles import services, services_edit, services_links, services_restore
from articles.models import ArticleRevision
from core.events import content_changed
from core.i18n import language_codes
from tests.articles.admin_forms import change_url, open_form
from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    sent = []

    def receive(changes, **kwargs):
        sent.append(changes)

    content_changed.connect(receive, dispatch_uid="test-services-links", weak=False)
    yield sent
    content_changed.disconnect(dispatch_uid="test-services-links")


def byline(article):
    return list(article.authors.order_by("authorships__position", "authorships__id"))


def pinned(article):
    return [pin.target for pin in article.pins.order_by("position", "id")]


def relink(service, article, user):
    """Call one of the three services with a change it could make."""
    if service == "authors":
        services_links.article_authors_set(article=article, experts=[ExpertFactory()], user=user)
    elif service == "terms":
        services_links.article_terms_set(article=article, topics=[TopicFactory()], user=user)
    else:
        target = ArticleFactory()
        services_links.article_pins_set(article=article, pinned=[target], user=user)


# Called directly


def test_authors_are_set_in_the_order_given_and_kept_in_it(editor):
    first, second, third = ExpertFactory(), ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[first, second])
    services_links.article_authors_set(article=article, experts=[third, second, first], user=editor)
    assert byline(article) == [third, second, first]
    services_links.article_authors_set(article=article, experts=[second, third], user=editor)
    assert byline(article) == [second, third]
    assert article.revisions.order_by("-pk").first().snapshot["shared"]["authors"] == [
        second.pk,
        third.pk,
    ]


def test_an_author_who_stays_keeps_her_row_and_only_moves(editor):
    first, second = ExpertFactory(), ExpertFactory()
    article = ArticleFactory(authors=[first, second])
    row = article.authorships.get(expert=first)
    services_links.article_authors_set(article=article, experts=[second, first], user=editor)
    moved = article.authorships.get(expert=first)
    assert (moved.pk, moved.position) == (row.pk, 1)


def test_terms_are_set_and_a_kind_left_out_stays_as_it_is(editor):
    energy, iran = TopicFactory(), RegionFactory()
    article = ArticleFactory(topics=[TopicFactory()], regions=[iran])
    services_links.article_terms_set(article=article, topics=[energy], user=editor)
    assert list(article.topics.all()) == [energy]
    assert list(article.regions.all()) == [iran]
    services_links.article_terms_set(article=article, regions=[], user=editor)
    assert list(article.topics.all()) == [energy] and not article.regions.exists()


def test_pins_are_set_in_the_order_given(editor):
    article, first, second = ArticleFactory(), ArticleFactory(), ArticleFactory()
    services_links.article_pins_set(article=article, pinned=[second, first], user=editor)
    assert pinned(article) == [second, first]
    services_links.article_pins_set(article=article, pinned=[first], user=editor)
    assert pinned(article) == [first]


def test_an_article_cannot_be_pinned_to_itself(editor):
    article = ArticleFactory()
    with pytest.raises(ValueError):
        services_links.article_pins_set(article=article, pinned=[article], user=editor)
    assert not article.pins.exists()


def test_the_same_author_twice_or_one_who_does_not_exist_is_refused(editor):
    expert = ExpertFactory()
    article = ArticleFactory(authors=[expert])
    for experts in ([expert, expert], [expert.pk, expert.pk + 1000]):
        with pytest.raises(ValueError):
            services_links.article_authors_set(article=article, experts=experts, user=editor)
    assert byline(article) == [expert]


@pytest.mark.parametrize("service", ["authors", "terms", "pins"])
def test_a_translator_may_not_relink_and_nothing_is_written(translator, service):
    author, topic = ExpertFactory(), TopicFactory()
    article = ArticleFactory(authors=[author], topics=[topic], languages={"en": "draft"})
    with pytest.raises(services.NotPermitted):
        relink(service, article, translator)
    assert byline(article) == [author] and list(article.topics.all()) == [topic]
    assert not article.pins.exists() and not article.revisions.exists()


def test_an_author_relinks_her_own_draft_but_pins_are_the_editors(author):
    article = ArticleFactory(created_by=author, languages={"en": "draft"})
    relink("authors", article, author)
    relink("terms", article, author)
    with pytest.raises(services.NotPermitted):
        relink("pins", article, author)
    assert article.authors.count() == 1 and article.topics.count() == 1
    assert not article.pins.exists()


def test_an_author_may_not_relink_her_piece_once_it_is_in_review(author):
    article = ArticleFactory(created_by=author, languages={"en": "review"})
    with pytest.raises(services.NotPermitted):
        relink("authors", article, author)


def test_a_relink_records_a_revision_and_sends_one_event(editor, events):
    article = ArticleFactory(languages={"en": "published", "fa": "draft"})
    expert = ExpertFactory()
    events.clear()
    services_links.article_authors_set(article=article, experts=[expert], user=editor)
    latest = article.revisions.order_by("-pk").first()
    assert (latest.kind, latest.user) == (ArticleRevision.Kind.SAVE, editor)
    assert latest.snapshot["shared"]["authors"] == [expert.pk]
    # The state before is on record too, so the history shows what changed.
    assert article.revisions.filter(kind=ArticleRevision.Kind.BASELINE).exists()
    (changes,) = events
    assert [(c.kind, c.id, c.languages, c.public) for c in changes] == [
        ("articles.article", article.pk, frozenset(language_codes()), True)
    ]


def test_a_relink_of_a_draft_is_no_public_change(editor, events):
    article, topic = ArticleFactory(languages={"en": "draft"}), TopicFactory()
    events.clear()
    services_links.article_terms_set(article=article, topics=[topic], user=editor)
    (changes,) = events
    assert [(c.id, c.public) for c in changes] == [(article.pk, False)]


# Through the change form


def test_the_change_form_hands_its_links_to_article_save(client, editor):
    first, second = ExpertFactory(), ExpertFactory()
    energy = TopicFactory()
    article = ArticleFactory(authors=[first, second])
    target = ArticleFactory()
    client.force_login(editor)
    data = open_form(client, article)
    data["authorships-0-position"], data["authorships-1-position"] = "1", "0"
    data["topics"] = [str(energy.pk)]
    data.update({"pins-TOTAL_FORMS": "1", "pins-0-target": str(target.pk), "pins-0-position": "0"})
    revisions = article.revisions.count()
    with (
        mock.patch.object(services_edit, "article_save", wraps=services_edit.article_save) as save,
        mock.patch.object(services_edit, "links_check", wraps=services_links.links_check) as check,
    ):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    links = save.call_args.kwargs["links"]
    assert (links.authors, list(links.topics), links.regions, links.pinned) == (
        [second.pk, first.pk],
        [energy],
        None,
        [target.pk],
    )
    check.assert_called_once()
    assert byline(article) == [second, first]
    assert list(article.topics.all()) == [energy] and pinned(article) == [target]
    # One revision for the whole save, not one per link.
    kinds = list(article.revisions.order_by("pk").values_list("kind", flat=True))
    assert kinds[revisions:] == [ArticleRevision.Kind.SAVE]


def test_the_change_form_hands_no_links_when_none_changed(client, editor):
    article = ArticleFactory(authors=[ExpertFactory()], topics=[TopicFactory()])
    client.force_login(editor)
    data = open_form(client, article)
    data["title"] = "A new title"
    with mock.patch.object(services_edit, "article_save", wraps=services_edit.article_save) as save:
        assert client.post(change_url(article), data).status_code == 302
    assert not save.call_args.kwargs["links"]


def test_a_translator_saving_her_language_in_the_change_form_relinks_nothing(client, translator):
    author = ExpertFactory()
    article = ArticleFactory(authors=[author], languages={"en": "published", "fa": "draft"})
    client.force_login(translator)
    data = open_form(client, article, "fa")
    data["title"] = "عنوان تازه"
    with mock.patch.object(services_edit, "article_save", wraps=services_edit.article_save) as save:
        assert client.post(change_url(article, "fa"), data).status_code == 302
    assert not save.call_args.kwargs["links"]
    assert byline(article) == [author]
    assert article.translations.get(language_code="fa").title == "عنوان تازه"


def test_an_author_cannot_pin_through_the_change_form(client, author):
    # The inline is read-only for authors: a pin added to the POST is not handed on.
    article = ArticleFactory(created_by=author, languages={"en": "draft"})
    target = ArticleFactory()
    client.force_login(author)
    data = open_form(client, article)
    data.update({"pins-TOTAL_FORMS": "1", "pins-0-target": str(target.pk), "pins-0-position": "0"})
    assert client.post(change_url(article), data).status_code == 302
    assert not article.pins.exists()


# Through a revision restore


def test_a_restore_writes_its_links_with_the_same_writer(editor):
    first, second = ExpertFactory(), ExpertFactory()
    topic, target = TopicFactory(), ArticleFactory()
    article = ArticleFactory(authors=[first, second], topics=[topic])
    services_links.article_pins_set(article=article, pinned=[target], user=editor)
    old = article.revisions.order_by("-pk").first()
    services_links.article_authors_set(article=article, experts=[second], user=editor)
    services_links.article_terms_set(article=article, topics=[], user=editor)
    services_links.article_pins_set(article=article, pinned=[], user=editor)
    with mock.patch.object(
        services_restore, "links_write", wraps=services_links.links_write
    ) as write:
        services_restore.revision_restore(revision=old, user=editor)
    write.assert_called_once()
    assert byline(article) == [first, second]
    assert list(article.topics.all()) == [topic] and pinned(article) == [target]

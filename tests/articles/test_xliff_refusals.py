"""
A bad XLIFF file is refused whole, with a message that names each problem, leaving the
database as it was.
"""

import pytest

from articles import xliff
from articles.models import ArticleTranslation
from tests.articles.factories import ArticleFactory, UserFactory

from .xliff_files import (
    NS,
    add_unit,
    articles_texts,
    database,
    drop_unit,
    edit,
    markup,
    refusal,
    renumber,
    set_attribute,
    set_target,
    set_targets,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(source_language="en", languages=articles_texts())


@pytest.fixture
def farsi(db):
    return UserFactory(username="omid", role="Translator", languages=["fa"])


@pytest.fixture
def exported(article):
    return xliff.export(type(article).objects.filter(pk=article.pk), "fa")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data, a: b"these are not the droids",
            "The file is not an XLIFF document: it is not well-formed XML",
        ),
        (lambda data, a: b"<html><body/></html>", "The file is not an XLIFF 1.2 document."),
        (
            lambda data, a: b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>',
            "The file is not an XLIFF 1.2 document.",
        ),
        (
            lambda data, a: edit(data, lambda root: root.remove(root.find("x:file", NS))),
            "The file holds no article to import.",
        ),
        (
            lambda data, a: edit(data, renumber(a.pk, 999999)),
            "The file is for article #999999, which does not exist.",
        ),
        (
            lambda data, a: edit(data, set_attribute("original", "chapter-one")),
            "A <file> is for “chapter-one”, which is not an article (article-<number>).",
        ),
        (
            lambda data, a: edit(data, set_attribute("target-language", "de")),
            "is not a language it can be translated into.",
        ),
        (
            lambda data, a: edit(data, set_attribute("target-language", "en")),
            "“en”, is not a language it can be translated into.",
        ),
        (
            lambda data, a: edit(data, set_attribute("source-language", "ar")),
            "in the file is “ar”, but the article was written in English.",
        ),
        (
            lambda data, a: edit(data, set_attribute("{urn:thinktank:xliff}source-version", "v2")),
            "is malformed: “v2”.",
        ),
        (
            lambda data, a: edit(data, drop_unit("/title")),
            "The unit for the title of “Tankers reroute & insurers worry” (#{pk}) is missing.",
        ),
        (
            lambda data, a: edit(data, drop_unit("/body")),
            "The unit for the body of “Tankers reroute & insurers worry” (#{pk}) is missing.",
        ),
        (
            lambda data, a: edit(data, add_unit(f"article-{a.pk}/colour")),
            "The unit “article-{pk}/colour” in article-{pk} is not a field of that article.",
        ),
        (
            lambda data, a: edit(data, add_unit(f"article-{a.pk + 1}/title")),
            "is not a field of that article.",
        ),
        (
            lambda data, a: edit(data, add_unit(f"article-{a.pk}/title")),
            "The unit “article-{pk}/title” appears twice in article-{pk}.",
        ),
        (
            lambda data, a: edit(data, set_target("/summary", lambda t: setattr(t, "text", " "))),
            "The summary of “Tankers reroute & insurers worry” (#{pk}) has an empty target.",
        ),
        (
            lambda data, a: edit(data, set_target("/title", markup)),
            "The unit “article-{pk}/title” holds XML markup; it must hold text only.",
        ),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_message_naming_the_problem(
    article, editor, exported, change, message
):
    before = database(article)
    problems = refusal(change(exported, article), editor)
    assert any(message.format(pk=article.pk) in problem for problem in problems), problems
    assert database(article) == before


def test_a_file_for_another_article_is_refused(article, editor):
    other = ArticleFactory(languages={"en": "published"})
    data = xliff.export(type(article).objects.filter(pk=other.pk), "fa")
    before = database(article)
    (problem,) = refusal(data, editor, article=article)
    assert (
        problem == f"The file is for “{other}” (#{other.pk}), not for “{article}” (#{article.pk})."
    )
    assert database(article) == before


def test_a_file_for_another_language_than_the_one_asked_is_refused(article, editor, exported):
    (problem,) = refusal(exported, editor, language="ar")
    assert "translates “Tankers reroute & insurers worry”" in problem
    assert problem.endswith("into فارسی, not العربية.")


def test_one_bad_article_refuses_the_whole_file(article, editor):
    good = ArticleFactory(languages={"en": "published"})
    data = xliff.export(type(article).objects.filter(pk__in=[good.pk, article.pk]), "fa")
    data = set_targets(data, {"title": "عنوان", "summary": "خلاصه", "body": "<p>متن</p>"})
    data = edit(data, drop_unit(f"article-{article.pk}/body"))
    before = database(article)
    problems = refusal(data, editor)
    assert len(problems) == 1 and "body" in problems[0]
    assert not ArticleTranslation.objects.filter(master=good, language_code="fa").exists()
    assert database(article) == before


def test_a_translator_may_not_import_into_another_language(article, farsi):
    data = xliff.export(type(article).objects.filter(pk=article.pk), "ar")
    (problem,) = refusal(data, farsi)
    assert problem == (
        "You may not change the العربية translation of “Tankers reroute & insurers worry” "
        f"(#{article.pk})."
    )


def test_an_import_never_touches_a_translation_in_review_or_published(article, editor):
    ArticleTranslation.objects.filter(master=article, language_code="fa").update(state="published")
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    (problem,) = refusal(data, editor)
    assert "is published: only a draft or a missing translation takes an import." in problem


def test_external_entities_are_never_read(article, editor):
    units = "".join(
        f'<trans-unit id="article-{article.pk}/{name}"><source>x</source>'
        f"<target>{'&secret;' if name == 'title' else 'متن'}</target></trans-unit>"
        for name in ("title", "summary", "body", "author_note")
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        f'<xliff version="1.2" xmlns="{xliff.NAMESPACE}"><file original="article-{article.pk}" '
        'source-language="en" target-language="fa" datatype="x-article">'
        f"<body>{units}</body></file></xliff>"
    ).encode()
    before = database(article)
    problems = refusal(data, editor)
    assert problems == [
        f"The unit “article-{article.pk}/title” holds XML markup; it must hold text only."
    ]
    assert database(article) == before

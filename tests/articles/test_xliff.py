"""
XLIFF exchange: the text comes back exactly (Arabic and Farsi included), imports land in
draft translations with a revision, and a bad file is refused whole with a message that
names the problem, leaving the database as it was.
"""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from articles import xliff, xliff_import
from articles.models import ArticleRevision, ArticleTranslation, State
from core.events import content_changed
from core.html import sanitize_html
from tests.articles.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
NS = {"x": xliff.NAMESPACE}

# Rich text as the editor saves it (sanitized), with what trips up XML: entities, a CDATA
# end marker, line breaks, zero-width non-joiners, diacritics and bidirectional text.
FARSI_BODY = sanitize_html(
    "<p>نفتکش‌ها <strong>مسیر</strong> عوض می‌کنند &amp; بیمه <em>دو برابر</em> شد ]]&gt;</p>\n"
    '<h2>چرا تنگه هرمز؟</h2>\n<ul><li>یک</li><li>دو: <a href="https://example.org/?a=1&amp;b=2">'
    "IAEA گزارش</a></li></ul>"
)
ARABIC_BODY = sanitize_html(
    "<p>النَّاقِلاتُ تُغيِّر مسارها — <strong>لماذا؟</strong></p>\n<blockquote>«اقتباس» 2025</blockquote>"
)
ENGLISH_BODY = sanitize_html("<p>Tankers <em>reroute</em> &lt;now&gt;.</p>\n<p>Second   line.</p>")


def articles_texts():
    return {
        "en": {
            "title": "Tankers reroute & insurers worry",
            "summary": "Why the Strait matters <now>.",
            "body": ENGLISH_BODY,
            "author_note": "The author thanks the shipping desk.",
        },
        "fa": {
            "title": "نفتکش‌ها مسیر عوض می‌کنند",
            "summary": "چرا تنگه اهمیت دارد؟\nدو خط.",
            "body": FARSI_BODY,
            "author_note": "نویسنده از میز کشتیرانی سپاسگزار است.",
            "state": "draft",
        },
        "ar": {
            "title": "الناقلات تغير مسارها",
            "summary": "لماذا يهم المضيق؟",
            "body": ARABIC_BODY,
            "author_note": "يشكر الكاتب مكتب الشحن.",
            "state": "draft",
        },
    }


@pytest.fixture
def article():
    return ArticleFactory(source_language="en", languages=articles_texts())


@pytest.fixture
def farsi(db):
    return UserFactory(username="omid", role="Translator", languages=["fa"])


def fields(article, language) -> dict:
    translation = ArticleTranslation.objects.get(master=article, language_code=language)
    return {name: getattr(translation, name) for name in ["state", *xliff.FIELDS]}


def database(article) -> list:
    """Everything an import could change, to compare before and after a refusal."""
    translations = ArticleTranslation.objects.filter(master=article).order_by("language_code")
    return [
        list(translations.values()),
        ArticleRevision.objects.filter(article=article).count(),
    ]


def edit(data: bytes, transform) -> bytes:
    """Change an exported file with lxml, as another tool might."""
    root = etree.fromstring(data)
    transform(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def set_targets(data: bytes, texts: dict[str, str]) -> bytes:
    """Fill in targets by field name, with translate-toolkit, as a translator's tool does."""
    store = xliff.Store.parsestring(data)
    for unit in store.units:
        name = unit.getid().rsplit("/", 1)[-1]
        if name in texts:
            unit.settarget(texts[name], lang=store.gettargetlanguage())
    return bytes(store)


def refusal(data, user, **kwargs) -> list[str]:
    with pytest.raises(xliff.XliffRefused) as refused:
        xliff_import.xliff_import(data=data, user=user, **kwargs)
    return refused.value.problems


# The round trip


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_a_round_trip_brings_the_text_back_exactly(article, editor, language):
    before = fields(article, language)
    data = xliff.export(type(article).objects.filter(pk=article.pk), language)
    # The translator's tool clears and re-types nothing: the prefilled targets come back.
    ArticleTranslation.objects.filter(master=article, language_code=language).update(
        title="x", summary="", body="", author_note=""
    )
    xliff_import.xliff_import(data=data, user=editor)
    assert fields(article, language) == before


def test_the_source_text_travels_exactly_too(article):
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    (parsed,) = xliff.read(data)
    english = articles_texts()["en"]
    assert {name: source for name, (source, _target) in parsed.units.items()} == english
    assert (parsed.source_language, parsed.target_language) == ("en", "fa")


def test_a_farsi_translation_typed_into_the_file_arrives_as_a_draft(farsi):
    article = ArticleFactory(source_language="en", languages={"en": articles_texts()["en"]})
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    farsi_texts = {k: v for k, v in articles_texts()["fa"].items() if k != "state"}
    done = xliff_import.xliff_import(data=set_targets(data, farsi_texts), user=farsi)
    assert done == [(article, "fa")]
    assert fields(article, "fa") == {"state": State.DRAFT, "hero_alt": "", "hero_credit": "",
                                     **farsi_texts}  # fmt: skip
    revision = article.revisions.first()
    assert (revision.kind, revision.user) == (ArticleRevision.Kind.IMPORT, farsi)
    assert revision.snapshot["translations"]["fa"]["title"] == farsi_texts["title"]


def test_an_arabic_article_is_exported_for_english_and_farsi():
    article = ArticleFactory(source_language="ar", languages={"ar": articles_texts()["ar"]})
    data = xliff.export(type(article).objects.filter(pk=article.pk), "en")
    root = etree.fromstring(data)
    (node,) = root.findall("x:file", NS)
    assert (node.get("source-language"), node.get("target-language")) == ("ar", "en")
    assert node.get("original") == f"article-{article.pk}"
    ids = [unit.get("id") for unit in node.iterfind(".//x:trans-unit", NS)]
    assert ids == [
        f"article-{article.pk}/{name}" for name in ("title", "summary", "body", "author_note")
    ]
    assert root.get("version") == "1.2"


def test_a_file_made_before_a_source_change_lands_outdated(article, editor):
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    type(article).objects.filter(pk=article.pk).update(source_version=1)
    xliff_import.xliff_import(data=data, user=editor)
    assert ArticleTranslation.objects.filter(master=article, language_code="fa").outdated().exists()


def test_a_file_made_from_the_current_source_brings_an_outdated_translation_up_to_date(
    article, editor
):
    type(article).objects.filter(pk=article.pk).update(source_version=2)
    assert ArticleTranslation.objects.filter(master=article).outdated().count() == 2
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    xliff_import.xliff_import(data=data, user=editor)
    assert not ArticleTranslation.objects.filter(master=article, language_code="fa").outdated()


# Refusals: each names the problem, and nothing is written.


@pytest.fixture
def exported(article):
    return xliff.export(type(article).objects.filter(pk=article.pk), "fa")


def drop_unit(name):
    def transform(root):
        unit = next(u for u in root.iterfind(".//x:trans-unit", NS) if u.get("id").endswith(name))
        unit.getparent().remove(unit)

    return transform


def add_unit(unit_id, text="متن"):
    def transform(root):
        body = root.find(".//x:body", NS)
        unit = etree.SubElement(body, f"{{{xliff.NAMESPACE}}}trans-unit", id=unit_id)
        etree.SubElement(unit, f"{{{xliff.NAMESPACE}}}source").text = "x"
        etree.SubElement(unit, f"{{{xliff.NAMESPACE}}}target").text = text

    return transform


def set_attribute(name, value):
    def transform(root):
        root.find("x:file", NS).set(name, value)

    return transform


def renumber(old, new):
    """Make the file name another article, consistently."""

    def transform(root):
        root.find("x:file", NS).set("original", f"article-{new}")
        for unit in root.iterfind(".//x:trans-unit", NS):
            unit.set("id", unit.get("id").replace(f"article-{old}/", f"article-{new}/"))

    return transform


def set_target(field, build):
    def transform(root):
        unit = next(u for u in root.iterfind(".//x:trans-unit", NS) if u.get("id").endswith(field))
        target = unit.find("x:target", NS)
        target.text = None
        build(target)

    return transform


def markup(target):
    target.text = "متن "
    etree.SubElement(target, f"{{{xliff.NAMESPACE}}}g", id="1").text = "پررنگ"


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
    assert problem.endswith("into Persian, not Arabic.")


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
        "You may not change the Arabic translation of “Tankers reroute & insurers worry” "
        f"(#{article.pk})."
    )


def test_an_import_never_touches_a_translation_in_review_or_published(article, editor):
    ArticleTranslation.objects.filter(master=article, language_code="fa").update(state="published")
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    (problem,) = refusal(data, editor)
    assert "is published: only a draft or a missing translation takes an import." in problem


# In the admin


def test_the_admin_exports_one_article_and_imports_it_back(client, farsi, article):
    client.force_login(farsi)
    response = client.get(reverse("admin:articles_article_xliff_export", args=[article.pk, "fa"]))
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    assert f'filename="article-{article.pk}-fa.xlf"' in response["Content-Disposition"]
    data = set_targets(response.content, {"title": "عنوان تازه"})
    url = reverse("admin:articles_article_xliff_import_one", args=[article.pk]) + "?language=fa"
    upload = SimpleUploadedFile("back.xlf", data, content_type="application/x-xliff+xml")
    response = client.post(url, {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:articles_article_translate", args=[article.pk, "fa"]
    )
    assert "Imported the Persian translation of" in response.content.decode()
    assert fields(article, "fa")["title"] == "عنوان تازه"


def test_the_admin_lists_every_problem_of_a_refused_file(client, editor, article, exported):
    client.force_login(editor)
    data = edit(exported, drop_unit("/title"))
    data = edit(data, set_target("/summary", lambda t: setattr(t, "text", "")))
    upload = SimpleUploadedFile("bad.xlf", data)
    response = client.post(reverse("admin:articles_article_xliff_import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "The file was refused; nothing was imported:" in html
    assert "The unit for the title of" in html and "has an empty target" in html


def test_the_source_language_is_not_exported_for_itself(client, editor, article):
    client.force_login(editor)
    url = reverse("admin:articles_article_xliff_export", args=[article.pk, "en"])
    assert client.get(url).status_code == 404


def test_a_selection_is_exported_from_the_article_list(client, editor, article):
    other = ArticleFactory(languages={"en": "published"})
    farsi_source = ArticleFactory(source_language="fa", languages={"fa": "published"})
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "export_xliff_fa", "_selected_action": [article.pk, other.pk, farsi_source.pk]},
    )
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    originals = [node.get("original") for node in root.findall("x:file", NS)]
    assert originals == [f"article-{article.pk}", f"article-{other.pk}"]
    assert 'filename="articles-fa.xlf"' in response["Content-Disposition"]


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


# The "content changed" event


def test_an_import_of_many_articles_sends_one_event_naming_each_as_a_draft_change(article, editor):
    other = ArticleFactory(languages={"en": "published"})
    data = xliff.export(type(article).objects.filter(pk__in=[other.pk, article.pk]), "fa")
    data = set_targets(data, {"title": "عنوان", "summary": "خلاصه", "body": "<p>متن</p>"})
    sent = []
    content_changed.connect(
        lambda changes, **kw: sent.append(changes), weak=False, dispatch_uid="x"
    )
    try:
        xliff_import.xliff_import(data=data, user=editor)
    finally:
        content_changed.disconnect(dispatch_uid="x")
    (changes,) = sent
    assert sorted((c.kind, c.id, c.languages, c.public) for c in changes) == sorted(
        ("articles.article", pk, frozenset({"fa"}), False) for pk in (article.pk, other.pk)
    )


def test_the_admin_import_runs_the_import_service(client, farsi, article):
    client.force_login(farsi)
    data = xliff.export(type(article).objects.filter(pk=article.pk), "fa")
    data = set_targets(data, {"title": "عنوان تازه"})
    url = reverse("admin:articles_article_xliff_import_one", args=[article.pk]) + "?language=fa"
    upload = SimpleUploadedFile("back.xlf", data, content_type="application/x-xliff+xml")
    with mock.patch.object(
        xliff_import, "xliff_import", wraps=xliff_import.xliff_import
    ) as service:
        client.post(url, {"file": upload})
    service.assert_called_once()
    assert service.call_args.kwargs["user"] == farsi
    assert fields(article, "fa")["title"] == "عنوان تازه"

"""The XLIFF tests' sample texts, and helpers to change an exported file and to read the result."""

import pytest
from lxml import etree

from articles import xliff, xliff_import
from articles.models import ArticleRevision, ArticleTranslation
from core.html import sanitize_html

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


# Changes to a file, for lxml.


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

"""
BibTeX and RIS downloads carry hostile titles, names, summaries and terms as text: read
back by bibtexparser (LaTeX decoded) and rispy, each is one field of one entry, and no
value adds an entry, a field, an author or a line of its own.
"""

import re

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from pylatexenc import latex2text

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.hostile import HOSTILE_IDS, HOSTILE_VALUES, one_line
from tests.taxonomy.factories import ArticleTypeFactory, TopicFactory

pytestmark = pytest.mark.django_db

BIBTEX_FIELDS = {"author", "title", "howpublished", "organization", "year", "month", "date",
                 "type", "url", "language", "abstract", "keywords"}  # fmt: skip
RIS_FIELDS = {"type_of_reference", "title", "authors", "year", "date", "publisher", "type_of_work",
              "urls", "language", "abstract", "keywords"}  # fmt: skip
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - ")


def latex_decoder():
    """pylatexenc's LaTeX-to-text, told of LaTeX's \\textbraceleft and \\textbraceright."""
    context = latex2text.get_default_latex_context_db()
    context.add_context_category(
        "literal-braces",
        prepend=True,
        macros=[
            latex2text.MacroTextSpec("textbraceleft", simplify_repl="{"),
            latex2text.MacroTextSpec("textbraceright", simplify_repl="}"),
        ],
    )
    return latex2text.LatexNodes2Text(latex_context=context)


@pytest.fixture(params=HOSTILE_VALUES, ids=HOSTILE_IDS)
def hostile(request):
    """A public article whose title, summary, two authors, type and topic bear one value."""
    value = request.param
    inverted = ExpertFactory(languages=("en",), names={"en": "Ada"}, sort_name=f"{value}, Ada")
    whole = ExpertFactory(languages=("ar",), names={"ar": value})  # cited whole, unsplit
    ArticleFactory(
        article_type=ArticleTypeFactory(languages=("en",), names={"en": value}),
        authors=[inverted, whole],
        topics=[TopicFactory(languages=("en",), names={"en": value})],
        languages={"en": {"title": value, "summary": value, "slug": "hostile"}},
    )
    return value


def test_bibtex_holds_one_entry_with_exactly_its_fields(client, hostile):
    text = client.get("/policy-analysis/hostile/cite.bib").content.decode()
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, library.failed_blocks
    assert not (library.comments or library.strings or library.preambles)
    [entry] = library.entries
    assert entry.entry_type == "misc"
    assert {field.key for field in entry.fields} == BIBTEX_FIELDS
    authors = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors()]
    ).entries[0]["author"]
    assert len(authors) == 2, authors


def test_bibtex_braces_balance_as_bibtex_itself_counts_them(client, hostile):
    # BibTeX (and biber's btparse) count every brace, a backslash before it or not: a
    # braced value ends where the count first returns to zero, which must be its end.
    text = client.get("/policy-analysis/hostile/cite.bib").content.decode()
    lines = text.splitlines()
    assert lines[0].startswith("@misc{") and lines[-1] == "}"
    for line in lines[1:-1]:
        name, _equals, value = line.strip().removesuffix(",").partition(" = ")
        if not value.startswith("{"):
            assert value.isalpha(), line  # month = sep
            continue
        depth = 0
        for position, char in enumerate(value):
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth == 0:
                assert position == len(value) - 1, (name, value[: position + 1])
        assert depth == 0, (name, value)


def test_bibtex_values_decode_to_the_text_as_written(client, hostile):
    text = client.get("/policy-analysis/hostile/cite.bib").content.decode()
    decoder = latex_decoder()
    entry = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors()]
    ).entries[0]
    expected = one_line(hostile)
    for name in ("title", "type", "abstract", "keywords"):
        assert one_line(decoder.latex_to_text(entry[name])) == expected, name
    assert [one_line(decoder.latex_to_text(author)) for author in entry["author"]] == [
        f"{expected}, Ada",
        expected,
    ]


def test_ris_holds_one_record_with_each_value_on_its_own_line(client, hostile):
    text = client.get("/policy-analysis/hostile/cite.ris").content.decode()
    lines = text.split("\r\n")
    assert lines.pop() == ""
    assert all(RIS_LINE.match(line) for line in lines), lines
    assert [line[:2] for line in lines].count("TY") == 1
    assert [line[:2] for line in lines].count("ER") == 1
    [record] = rispy.loads(text)
    assert set(record) == RIS_FIELDS
    expected = one_line(hostile)
    assert record["title"] == expected
    assert record["abstract"] == expected
    assert record["type_of_work"] == expected
    assert record["keywords"] == [expected]
    assert record["authors"] == [one_line(f"{hostile}, Ada"), expected]


@pytest.mark.parametrize(
    ("sort_name", "name"),
    [
        ("Khan and Karimi, Leila", "Leila Khan and Karimi"),
        ("Khan, Leila, Jr, and Others", "Leila Khan"),
        ("Khan AND Karimi, Leila", "Leila Khan AND Karimi"),
    ],
)
def test_an_and_or_comma_inside_a_name_adds_no_bibtex_author(client, sort_name, name):
    expert = ExpertFactory(languages=("en",), names={"en": name}, sort_name=sort_name)
    ArticleFactory(authors=[expert], languages={"en": {"title": "One author", "slug": "one"}})
    text = client.get("/policy-analysis/one/cite.bib").content.decode()
    entry = bibtexparser.parse_string(
        text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()]
    ).entries[0]
    [author] = entry["author"]
    assert one_line(latex_decoder().latex_to_text(" ".join(author.last))) == sort_name.split(",")[0]

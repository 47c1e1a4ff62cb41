from search.query import MAX_CLAUSES, Clause, parse


def texts(query):
    return [(c.text, c.negated, c.prefix) for c in query.clauses]


def test_several_words_are_each_required_and_the_last_is_a_prefix_while_typed():
    assert texts(parse("nuclear dea", "en")) == [("nuclear", False, False), ("dea", False, True)]


def test_a_space_after_the_last_word_ends_the_prefix():
    assert texts(parse("nuclear deal ", "en")) == [
        ("nuclear", False, False),
        ("deal", False, False),
    ]


def test_short_last_words_are_not_prefixes():
    assert parse("iran oi", "en").clauses[-1] == Clause("oi")


def test_a_quoted_phrase_is_one_clause():
    assert texts(parse('"Nuclear  Deal" talks ', "en")) == [
        ("nuclear deal", False, False),
        ("talks", False, False),
    ]


def test_guillemets_and_curly_quotes_quote_too():
    assert parse("«الاتفاق النووي»", "ar").clauses == (Clause("اتفاق نوو"),)  # stemmed
    assert parse("“nuclear deal”", "en").clauses == (Clause("nuclear deal"),)


def test_minus_excludes_a_word_or_a_phrase():
    assert texts(parse('iran -sanctions -"oil exports" ', "en")) == [
        ("iran", False, False),
        ("sanctions", True, False),
        ("oil exports", True, False),
    ]


def test_a_hyphen_inside_a_word_is_not_an_exclusion():
    assert parse("al-Qaeda ", "en").clauses == (Clause("al-qaeda"),)


def test_a_lone_quote_reads_to_the_end():
    assert parse('"nuclear deal', "en").clauses == (Clause("nuclear deal"),)
    assert parse('"', "en").clauses == ()


def test_operators_and_punctuation_alone_are_ignored():
    assert parse("& | ! : * ( ) <-> -- ''", "en").clauses == ()


def test_the_query_is_normalised_for_its_language():
    assert parse("الإيرانيّة ", "ar").clauses == (Clause("ايران"),)  # normalised, stemmed
    assert parse("ايران ", "fa").clauses == (Clause("ایران"),)


def test_long_queries_are_cut():
    query = parse(" ".join(f"word{n}" for n in range(500)), "en")
    assert len(query.clauses) == MAX_CLAUSES
    assert len(parse("x" * 5000, "en").clauses[0].text) <= 200


def test_an_empty_query_is_false():
    assert not parse("", "en")
    assert not parse("   ", "en")


def test_a_persian_word_with_a_zwnj_is_one_phrase():
    assert parse("می\u200cخواهد ", "fa").clauses == (Clause("می خواهد"),)
    # A suffix joined by a ZWNJ is no word of its own: هسته‌ای is searched as هسته.
    assert parse("هسته\u200cای ", "fa").clauses == (Clause("هسته"),)

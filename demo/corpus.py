"""
A deterministic demo corpus: article i is always the same article.

`headline(i)` decides what an article is about, who wrote it and its state in each
language; `body(i, language)` writes its text. Both depend only on i, so a repeated
seed run recognises what it made before, and bodies can link to earlier articles
without generating them in full.
"""

import random
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from core.slugs import slugify_title

from . import vocabulary as v

LANGS = v.LANGS
COUNTRIES = [
    (r, c) for r, (_name, countries) in enumerate(v.REGIONS) for c in range(len(countries))
]
EXPERT_COUNT = 24
HERO_COUNT = 8
SEED = 20261127


def expert_names(k: int) -> tuple[str, str, str]:
    """Return expert k's full name in each language."""
    first = v.FIRST_NAMES[k % len(v.FIRST_NAMES)]
    last = v.LAST_NAMES[(k + (k // len(v.FIRST_NAMES)) * 7) % len(v.LAST_NAMES)]
    return tuple(f"{first[n]} {last[n]}" for n in range(3))


def expert_topics(k: int) -> tuple[int, int]:
    """Return the two topics expert k writes on most."""
    return k % len(v.TOPICS), (k * 3 + 1) % len(v.TOPICS)


@dataclass
class Headline:
    index: int
    source: str
    type_index: int
    topics: list[int]
    countries: list[int]
    with_region: bool
    authors: list[int]
    days_ago: float
    featured: bool
    withdrawn: bool
    hero: int | None
    states: dict[str, str | None]
    slots: dict = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)
    #: Languages whose translation was made before the source text was last revised.
    outdated: list[str] = field(default_factory=list)


def _state(rng: random.Random, is_source: bool, source_state: str, missing: float) -> str | None:
    roll = rng.random()
    if is_source:
        return "published" if roll < 0.88 else "review" if roll < 0.94 else "draft"
    if roll < missing:
        return None
    if source_state != "published":
        return "draft"
    return "published" if roll < 0.82 else "review" if roll < 0.91 else "draft"


@lru_cache(maxsize=8192)
def headline(i: int) -> Headline:
    """Return what article i is about, who wrote it, and its state per language."""
    rng = random.Random(SEED * 1_000_003 + i)
    source = rng.choices(LANGS, weights=(80, 12, 8))[0]
    primary = rng.randrange(len(v.TOPICS))
    topics = [primary] + rng.sample(
        [t for t in range(len(v.TOPICS)) if t != primary], rng.choice((0, 1, 1, 2))
    )
    specialists = [k for k in range(EXPERT_COUNT) if primary in expert_topics(k)]
    authors = rng.sample(specialists, min(len(specialists), rng.choice((1, 1, 2, 2, 3))))
    if rng.random() < 0.2:
        authors.append(rng.choice([k for k in range(EXPERT_COUNT) if k not in authors]))
    countries = rng.sample(range(len(COUNTRIES)), rng.choice((1, 1, 2)))
    days_ago = rng.random() ** 1.5 * 3650
    if rng.random() < 0.01:
        days_ago = -rng.uniform(1, 30)  # scheduled
    states = {source: _state(rng, True, "", 0)}
    for lang in LANGS:
        if lang != source:
            states[lang] = _state(rng, False, states[source], 0.2 if lang == "ar" else 0.3)
    h = Headline(
        index=i,
        source=source,
        type_index=rng.choices(range(len(v.ARTICLE_TYPES)), weights=(35, 25, 15, 10, 8, 7))[0],
        topics=topics,
        countries=countries,
        with_region=rng.random() < 0.3,
        authors=authors,
        days_ago=days_ago,
        featured=rng.random() < 0.03,
        withdrawn=rng.random() < 0.005,
        hero=rng.randrange(HERO_COUNT) if rng.random() < 0.6 else None,
        states=states,
    )
    h.slots = {
        "S": rng.randrange(len(v.ACTORS)),
        "N": (primary, rng.randrange(6)),
        "M": (topics[-1], rng.randrange(6)),
        "P": countries[0],
        "title": rng.randrange(len(v.TITLES)),
        "summary": rng.randrange(len(v.SUMMARIES)),
    }
    for n, lang in enumerate(LANGS):
        title = v.TITLES[h.slots["title"]][n].format(**_fill(h.slots, n, title=True))
        title = title[0].upper() + title[1:]
        h.titles[lang] = title
        h.slugs[lang] = f"{slugify_title(title, 80)}-{i + 1}"
    # Some published pieces were revised after they were translated (a generator of its
    # own, so the draws above stay what they were).
    revised = random.Random(SEED * 3_000_017 + i)
    if states[source] == "published" and revised.random() < 0.12:
        h.outdated = [
            lang for lang in LANGS if lang != source and states[lang] and revised.random() < 0.6
        ]
    return h


#: Every PIN_EVERY-th article has a piece pinned by its editor, chosen among the PIN_WINDOW
#: articles made before it.
PIN_EVERY = 40
PIN_WINDOW = 150


def pin_target(i: int) -> int | None:
    """
    Return the earlier article an editor pins on article i, or None: the one closest in
    subject among the PIN_WINDOW before it (its main topic and an author or a country in
    common, then the most topics, authors and countries shared, then the newest), public
    in i's source language, as an editor pins a piece that tells more of the same story.
    """
    if i % PIN_EVERY or not i:
        return None
    h = headline(i)
    best, best_key = None, None
    for j in range(i - 1, max(-1, i - 1 - PIN_WINDOW), -1):
        other = headline(j)
        if other.withdrawn or other.states.get(h.source) != "published":
            continue
        if other.states[other.source] != "published" or h.topics[0] not in other.topics:
            continue
        authors = len(set(h.authors) & set(other.authors))
        countries = len(set(h.countries) & set(other.countries))
        if not authors and not countries:
            continue
        key = (len(set(h.topics) & set(other.topics)) + authors + countries, j)
        if best_key is None or key > best_key:
            best, best_key = j, key
    return best


SMALL_WORDS = {"a", "an", "and", "in", "of", "on", "the", "to", "for"}


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join(
        w if (k and w in SMALL_WORDS) or w[:1].isupper() else w[:1].upper() + w[1:]
        for k, w in enumerate(words)
    )


def _fill(slots: dict, n: int, strong: bool = False, title: bool = False) -> dict[str, str]:
    """Return the template slot values in language n (English title-cased for headlines)."""
    topic, noun = slots["N"]
    m_topic, m_noun = slots["M"]
    region, country = COUNTRIES[slots["P"]]
    values = {
        "S": v.ACTORS[slots["S"]][n],
        "N": v.TOPICS[topic][1][noun][n],
        "M": v.TOPICS[m_topic][1][m_noun][n],
        "P": v.REGIONS[region][1][country][n],
    }
    if title and n == 0:
        values = {key: _title_case(value) for key, value in values.items()}
    if strong:
        values["N"] = f"<strong>{values['N']}</strong>"
    return values


def summary(h: Headline, lang: str) -> str:
    n = LANGS.index(lang)
    return v.SUMMARIES[h.slots["summary"]][n].format(**_fill(h.slots, n))


def author_note(h: Headline, lang: str) -> str:
    n = LANGS.index(lang)
    return v.AUTHOR_NOTE[n].format(**_fill(h.slots, n)) if h.index % 3 == 0 else ""


def body(i: int, lang: str) -> str:
    """Return the HTML body of article i in lang: paragraphs, subheads, a list, links."""
    h = headline(i)
    n = LANGS.index(lang)
    rng = random.Random(SEED * 7_000_001 + i)
    parts = []

    def paragraph(first=False):
        picks = rng.sample(range(len(v.SENTENCES)), 3)
        sentences = []
        for k, s in enumerate(picks):
            slots = dict(h.slots, S=rng.randrange(len(v.ACTORS)) if k else h.slots["S"])
            sentences.append(v.SENTENCES[s][n].format(**_fill(slots, n, strong=first and k == 0)))
        parts.append(f"<p>{' '.join(sentences)}</p>")

    paragraph(first=True)
    paragraph()
    for head in rng.sample(range(len(v.SUBHEADS)), 2):
        parts.append(f"<h2>{escape(v.SUBHEADS[head][n].format(**_fill(h.slots, n)))}</h2>")
        paragraph()
    parts.append(f"<h2>{v.RECOMMENDATIONS_HEAD[n]}</h2>")
    items = "".join(f"<li>{r[n].format(**_fill(h.slots, n))}</li>" for r in v.RECOMMENDATIONS)
    parts.append(f"<ul>{items}</ul>")
    links = [headline(j) for j in {max(0, i - 1 - rng.randrange(20)) for _ in range(2)} if j != i]
    links = [other for other in links if other.states.get(lang) == "published"]
    if links:
        prefix = "" if lang == "en" else f"/{lang}"
        anchors = (", " if lang == "en" else "، ").join(
            f'<a href="{prefix}/policy-analysis/{o.slugs[lang]}">{escape(o.titles[lang])}</a>'
            for o in links
        )
        parts.append(f"<p>{v.SEE_ALSO[n]}: {anchors}</p>")
    return "\n".join(parts)


def previous_text(h: Headline, lang: str) -> dict[str, str]:
    """Return the parts of a revised article's text as they were before the revision."""
    n = LANGS.index(lang)
    other = (h.slots["summary"] + 1) % len(v.SUMMARIES)
    lines = body(h.index, lang).split("\n")
    return {
        "summary": v.SUMMARIES[other][n].format(**_fill(h.slots, n)),
        "body": "\n".join(lines[:1] + lines[2:]),  # The second paragraph was added since.
    }


def previous_role(k: int) -> tuple[str, str, str]:
    """Return the role expert k held before the current one (for revised experts)."""
    return v.ROLES[(k + 1) % len(v.ROLES)]


def expert_was_revised(k: int) -> bool:
    """Return True if expert k's English text changed after it was translated."""
    return k % 8 == 5

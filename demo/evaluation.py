"""
Measure recommendation quality on a corpus with known story clusters.

Each cluster has a topic mix, a country, a few authors and its own words; its articles take
them with noise (a random topic, country, author or word instead) and share topics, countries
and authors with other clusters, since there are more clusters than terms. precision@k is the
share of an article page's k recommendations that come from the article's own cluster,
averaged over the pages public in each language, next to two baselines.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import Article, ArticleTranslation, Authorship, State
from demo import vocabulary as v
from experts.models import Expert
from recommendations.selectors import recommended
from recommendations.services import recommendations_rebuild
from taxonomy.models import ArticleType, Region, Topic

LANGS = list(v.LANGS)
NOUNS = [noun for _names, nouns in v.TOPICS for noun in nouns]
COUNTRIES = [(r, country) for r, (_n, countries) in enumerate(v.REGIONS) for country in countries]


@dataclass
class Corpus:
    cluster_of: dict[int, int] = field(default_factory=dict)


def _term(model, names, tag="", **shared):
    term = model(**shared)
    for n, lang in enumerate(LANGS):
        term.set_current_language(lang)
        term.name = names[n]
        term.slug = f"eval{tag}-{model.__name__.lower()}-{abs(hash(names[0])) % 10**8}-{n}"
    term.save()
    return term


def generate(
    *, clusters: int, per_cluster: int, seed: int = 7, noise: float = 0.25, tag: str = ""
) -> Corpus:
    """
    Create the evaluation corpus (bulk, without signals) and return its cluster labels.
    Corpora of different tags have terms and experts of their own (and never share one).
    """
    rng = random.Random(seed)
    now = timezone.now()
    topics = [_term(Topic, names, tag) for names, _nouns in v.TOPICS]
    regions = [_term(Region, names, tag) for names, _countries in v.REGIONS]
    countries = [_term(Region, names, tag, parent=regions[r]) for r, names in COUNTRIES]
    types = [_term(ArticleType, names, tag) for names in v.ARTICLE_TYPES]
    experts = []
    for k in range(24):
        expert = Expert(slug=f"eval{tag}-expert-{k}")
        for n, lang in enumerate(LANGS):
            expert.set_current_language(lang)
            first, last = v.FIRST_NAMES[k % 18][n], v.LAST_NAMES[(k * 5) % 18][n]
            expert.name = f"{first} {last}"
        expert.save()
        experts.append(expert)
    plans = []
    for _c in range(clusters):
        plans.append(
            {
                "topics": rng.sample(range(len(topics)), 2),
                "country": rng.randrange(len(countries)),
                "authors": rng.sample(range(len(experts)), 3),
                "words": rng.sample(range(len(NOUNS)), 4),
                "actor": rng.randrange(len(v.ACTORS)),
            }
        )
    corpus = Corpus()
    heads = []
    for c, plan in enumerate(plans):
        for _ in range(per_cluster):

            def noisy(value, choices):
                return rng.randrange(choices) if rng.random() < noise else value

            source = rng.choices(LANGS, weights=(70, 20, 10))[0]
            states = {source: State.PUBLISHED}
            for lang in LANGS:
                if lang != source:
                    roll = rng.random()
                    states[lang] = State.PUBLISHED if roll < 0.7 else State.DRAFT
            heads.append(
                {
                    "cluster": c,
                    "source": source,
                    "states": states,
                    "topics": {noisy(t, len(topics)) for t in plan["topics"]},
                    "country": noisy(plan["country"], len(countries)),
                    "authors": list(
                        dict.fromkeys(
                            noisy(a, len(experts)) for a in rng.sample(plan["authors"], 2)
                        )
                    ),
                    "words": [noisy(rng.choice(plan["words"]), len(NOUNS)) for _ in range(2)],
                    "actor": noisy(plan["actor"], len(v.ACTORS)),
                    "days": rng.random() * 1000,
                    "type": rng.randrange(len(types)),
                }
            )
    rng.shuffle(heads)
    articles = Article.objects.bulk_create(
        [
            Article(
                source_language=h["source"],
                article_type=types[h["type"]],
                published_at=now - timedelta(days=h["days"]),
            )
            for h in heads
        ]
    )
    translations, authorships, topic_links, region_links = [], [], [], []
    for i, (h, article) in enumerate(zip(heads, articles, strict=True)):
        corpus.cluster_of[article.pk] = h["cluster"]
        r, country = COUNTRIES[h["country"]]
        for lang, state in h["states"].items():
            n = LANGS.index(lang)
            fill = {
                "N": NOUNS[h["words"][0]][n],
                "M": NOUNS[h["words"][1]][n],
                "S": v.ACTORS[h["actor"]][n],
                "P": country[n],
            }
            title = v.TITLES[i % len(v.TITLES)][n].format(**fill)
            summary = v.SUMMARIES[i % len(v.SUMMARIES)][n].format(**fill)
            summary += " " + v.RECOMMENDATIONS[1][n].format(**fill)
            translations.append(
                ArticleTranslation(
                    master=article,
                    language_code=lang,
                    title=title,
                    slug=f"eval-{article.pk}",
                    summary=summary,
                    state=state,
                )
            )
        authorships += [
            Authorship(article=article, expert=experts[a], position=p)
            for p, a in enumerate(h["authors"])
        ]
        topic_links += [
            Article.topics.through(article=article, topic=topics[t]) for t in h["topics"]
        ]
        region_links.append(
            Article.regions.through(article=article, region=countries[h["country"]])
        )
    ArticleTranslation.objects.bulk_create(translations)
    Authorship.objects.bulk_create(authorships)
    Article.topics.through.objects.bulk_create(topic_links)
    Article.regions.through.objects.bulk_create(region_links)
    return corpus


def _public(language: str) -> dict[int, tuple]:
    """{article id: (published_at, topic ids)} of the articles public in language."""
    result = {a.pk: (a.published_at, set()) for a in Article.objects.public(language)}
    for article_id, topic_id in Article.topics.through.objects.values_list(
        "article_id", "topic_id"
    ):
        if article_id in result:
            result[article_id][1].add(topic_id)
    return result


def measure(corpus: Corpus, k: int, seed: int = 11) -> dict[str, dict[str, float]]:
    """Return {method: {language: precision@k}} for the engine and the two baselines."""
    rng = random.Random(seed)
    scores = {"engine": {}, "newest-in-topic": {}, "random": {}}
    for lang in LANGS:
        public = _public(lang)
        ids = sorted(public)
        newest = sorted(ids, key=lambda i: public[i][0], reverse=True)
        totals = dict.fromkeys(scores, 0.0)
        for article in Article.objects.filter(pk__in=ids):
            cluster = corpus.cluster_of[article.pk]

            def hits(chosen, cluster=cluster):
                return sum(corpus.cluster_of[i] == cluster for i in chosen[:k]) / k

            engine = [r.candidate_id for r in recommended(article, lang, count=k)]
            topics = public[article.pk][1]
            same_topic = [i for i in newest if i != article.pk and public[i][1] & topics]
            others = [i for i in ids if i != article.pk]
            totals["engine"] += hits(engine)
            totals["newest-in-topic"] += hits(same_topic)
            totals["random"] += hits(rng.sample(others, min(k, len(others))))
        for method in scores:
            scores[method][lang] = totals[method] / max(1, len(ids))
    return scores


def run(*, clusters: int = 40, per_cluster: int = 25, k: int | None = None) -> dict:
    """Generate the corpus in the current database, rebuild, and measure."""
    k = k or settings.RECOMMENDATIONS_COUNT
    corpus = generate(clusters=clusters, per_cluster=per_cluster)
    recommendations_rebuild()
    return measure(corpus, k)


def summary_line(scores: dict, k: int) -> str:
    """precision@3 en=0.93 ar=0.91 fa=0.92 | newest-in-topic en=... | random en=..."""
    parts = []
    for method, label in [
        ("engine", f"precision@{k}"),
        ("newest-in-topic", "newest-in-topic"),
        ("random", "random"),
    ]:
        figures = " ".join(f"{lang}={scores[method][lang]:.2f}" for lang in LANGS)
        parts.append(f"{label} {figures}")
    return " | ".join(parts)

"""
The recommendation weights: the one place where the engine is tuned.

A candidate's score for an article is the sum of these components (all in "points"):

- topics: for each shared topic, ``TOPIC`` × idf(topic), where
  idf = 1 + ln((N + 1) / (df + 1)), N the number of articles and df those filed under the
  term: a topic on half the catalogue weighs about 1.7, one on 1% about 5.6.
- regions: the same with ``REGION``. A country also matches its parent region, more weakly:
  an article's regions are its explicit ones (weight 1) plus the parents of its countries
  (weight ``PARENT_REGION``); two articles match on a region by the product of their weights,
  so country = country counts 1, country ~ its region 0.5, two countries of one region 0.25.
- authors: ``AUTHOR`` for each shared author.
- content type: ``SAME_TYPE`` when both have the same type.
- recency: ``RECENCY`` × (2^(-age / ``HALF_LIFE_DAYS``) − 1), a penalty from 0 (new) towards
  −``RECENCY`` (old); a scheduled piece counts as new.
- text: ``TEXT`` × the cosine similarity of the TF-IDF vectors of title and summary in the
  language shown (words on more than ``TEXT_MAX_SHARE`` of the catalogue are ignored).
- readers went on to: ``PATHS`` × n / (N + ``PATH_SMOOTHING``), where n is how many readers
  of the article's page went on to the candidate's page on this site (readership.DailyPath,
  every language, the days of detail kept: READERSHIP_DETAIL_DAYS) and N how many went on
  from the article to any piece. The share of the article's readers, damped while few have
  read it: one reader of one who went on weighs PATHS / (1 + PATH_SMOOTHING), most of the
  readers of a much-read piece nearly PATHS.

- neighbourhood: ``NEIGHBOURHOOD`` × the term points (as above) the candidate shares with the
  mean of the article's ``NEIGHBOURS`` best candidates in the page's language by the other
  components: a piece that shares what the article's closest pieces share is of their story,
  even where the article itself lost a term (a second topic filed differently, a co-author
  missing from the byline).

A candidate qualifies if it shares at least one topic, region or author, or if readers went
on to it from the article: the content type, recency and wording rank related pieces but do
not make a piece related.

On the page, ``DIVERSITY`` is taken off a candidate's score for each piece already chosen
that shares an author with it, so three pieces by one author appear only when nothing else
comes within that margin.

The figures were tuned by ``manage.py evaluate_recommendations --tune`` (demo.tuning): a
coordinate search, then a joint random one, on two training corpora of story clusters
(seeds 101 and 202), then PATHS and PATH_SMOOTHING on the same clusters with simulated
reading paths; the evaluation is measured on a corpus of other clusters (seed 7). Kept at
a floor whatever that search says, since the evaluation's clusters know nothing of them:
SAME_TYPE ≥ 0.25, RECENCY ≥ 0.5, DIVERSITY ≥ 0.5, PARENT_REGION ≥ 0.25 (its pieces are
filed under countries only), and PATH_SMOOTHING ≥ 5 (one reader alone should move little).
Before the first tuning: TOPIC 1.0, REGION 0.8, PARENT_REGION 0.5, AUTHOR 2.0, SAME_TYPE 0.5,
RECENCY 1.5, TEXT 3.0, TEXT_MAX_SHARE 0.1, DIVERSITY 1.0; NEIGHBOURHOOD is new with the second
(none before; 3.0 is the top of its grid).
"""

TOPIC = 1.064
REGION = 0.586
PARENT_REGION = 0.257
AUTHOR = 4.224
SAME_TYPE = 0.5
RECENCY = 1.0
HALF_LIFE_DAYS = 365.0
TEXT = 8.954
TEXT_MAX_SHARE = 0.2
PATHS = 12.0
PATH_SMOOTHING = 5.0
DIVERSITY = 0.5
NEIGHBOURS = 5
NEIGHBOURHOOD = 3.0

#: Candidates stored beyond the number shown, so that read-time filtering (a piece not yet
#: public, or hidden since) still leaves enough to show.
OVERFETCH = 5

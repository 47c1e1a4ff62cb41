"""
What evaluate_recommendations prints: precision@k on clustered stories next to baselines,
with and without simulated reading paths, editor pins found with the pins hidden, and,
with --tune, the weights tuned on training clusters before all of it.
"""

import io
import tempfile

from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

from recommendations import weights
from recommendations.services import recommendations_rebuild

from . import evaluation, evaluation_paths, tuning

#: The training corpora's seeds: their clusters are never those of the measured corpus
#: (evaluation.generate's default seed, 7).
TRAIN_SEEDS = (101, 202)
#: PATH_SMOOTHING stays at 5 or more: on a real site one reader alone should move little.
PATH_GRID = {"PATHS": (0.0, 1.0, 2.0, 4.0, 8.0, 12.0), "PATH_SMOOTHING": (5.0, 10.0, 20.0)}


def figures(scores: dict) -> str:
    return " ".join(f"{lang}={scores[lang]:.2f}" for lang in evaluation.LANGS)


def train(clusters: int, per_cluster: int, k: int, out) -> dict:
    """Tune the weights on the training corpora; return them (name: value)."""
    labels: dict[int, int] = {}
    for n, seed in enumerate(TRAIN_SEEDS):
        corpus = evaluation.generate(
            clusters=clusters, per_cluster=per_cluster, seed=seed, tag=f"t{n}"
        )
        labels.update({pk: c + n * clusters for pk, c in corpus.cluster_of.items()})
    out(f"Tuning on {len(TRAIN_SEEDS)} training corpora (seeds {TRAIN_SEEDS}).")
    best = tuning.tune(labels, k, log=lambda line: None)
    best = tuning.refine(labels, k, best, log=lambda line: None)
    out(f"tuned on training clusters: precision@{k} {figures(best.scores)}")
    # Then the reading paths' weight, on the same clusters with simulated paths.
    evaluation_paths.simulate(evaluation.Corpus(cluster_of=labels))
    values = {**best.values, **{name: getattr(weights, name) for name in PATH_GRID}}
    best_paths = tuning.Trial(values, tuning.precision(labels, k, values))
    for paths in PATH_GRID["PATHS"]:
        for smoothing in PATH_GRID["PATH_SMOOTHING"]:
            trial_values = {**values, "PATHS": paths, "PATH_SMOOTHING": smoothing}
            trial = tuning.Trial(trial_values, tuning.precision(labels, k, trial_values))
            if trial.mean > best_paths.mean + 1e-4:
                best_paths = trial
    out(f"tuned with simulated paths: precision@{k} {figures(best_paths.scores)}")
    tuned = {name: best_paths.values[name] for name in [*tuning.GRID, *PATH_GRID]}
    out("tuned weights: " + ", ".join(f"{name} = {value:g}" for name, value in tuned.items()))
    return tuned


def report(*, clusters: int, per_cluster: int, tune: bool = False, seeded: int = 300, out=print):
    """Measure (and with tune, first tune) in the current database; return the figures."""
    k = settings.RECOMMENDATIONS_COUNT
    values = {}
    if tune:
        values = train(clusters, per_cluster, k, out)
        tuning.clear()
    result = {}
    with tuning.weighted(values):
        corpus = evaluation.generate(clusters=clusters, per_cluster=per_cluster)
        recommendations_rebuild()
        result["scores"] = scores = evaluation.measure(corpus, k)
        out(evaluation.summary_line(scores, k))
        moves = evaluation_paths.simulate(corpus)
        recommendations_rebuild()
        result["with_paths"] = evaluation.measure(corpus, k)["engine"]
        out(
            f"simulated reading paths ({moves} moves, {evaluation_paths.STAY:.0%} within the "
            f"story): precision@{k} without paths {figures(scores['engine'])} | with paths "
            f"{figures(result['with_paths'])}"
        )
        tuning.clear()
        if seeded:
            with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
                call_command("seed_demo", articles=seeded, verbosity=0, stdout=io.StringIO())
                found, measured = evaluation_paths.pins_found(k)
            result["pins"] = (found, measured)
            share = found / measured if measured else 0.0
            out(
                f"editor pins in the top {k} with the pins hidden (seed_demo --articles "
                f"{seeded}): {found} of {measured} ({share:.0%})"
            )
    return result

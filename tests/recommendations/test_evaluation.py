"""evaluate_recommendations' new figures: reading paths, editor pins, tuning."""

import re

import pytest

from demo import evaluation_report, tuning
from recommendations import weights

pytestmark = pytest.mark.django_db


def test_the_evaluation_prints_paths_pins_and_tuned_weights_on_a_tiny_corpus():
    before, paths = tuning.current(), weights.PATHS
    lines = []
    result = evaluation_report.report(
        clusters=4, per_cluster=6, tune=True, seeded=45, out=lines.append
    )
    text = "\n".join(lines)
    assert re.search(r"^tuned on training clusters: precision@3 en=\d\.\d\d", text, re.M)
    assert re.search(r"^tuned weights: TOPIC = [\d.]+, .*PATHS = [\d.]+", text, re.M)
    assert re.search(r"^precision@3 en=\d\.\d\d ar=\d\.\d\d fa=\d\.\d\d \| newest", text, re.M)
    assert re.search(
        r"^simulated reading paths \(\d+ moves, 80% within the story\): precision@3 without "
        r"paths en=\d\.\d\d ar=\d\.\d\d fa=\d\.\d\d \| with paths en=",
        text,
        re.M,
    )
    assert re.search(r"^editor pins in the top 3 with the pins hidden .*: \d+ of \d+", text, re.M)
    found, measured = result["pins"]
    assert 0 <= found <= measured
    # Readers who mostly stay within a story make the engine find more of it, not less.
    for lang in ("en", "ar", "fa"):
        assert result["with_paths"][lang] >= result["scores"]["engine"][lang] - 0.02
    # Tuning tries weights, and leaves the module as it was.
    assert tuning.current() == before and paths == weights.PATHS

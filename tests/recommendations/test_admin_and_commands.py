"""The admin explanation, the commands and the quality evaluation."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import evaluation
from recommendations import weights
from recommendations.explain import explain
from recommendations.models import Recommendation

from .conftest import ExpertFactory, row

pytestmark = pytest.mark.django_db


def test_the_explanation_names_each_component_with_its_points(make, rebuild):
    expert = ExpertFactory()
    article = make(authors=[expert])
    other = make(authors=[expert])
    rebuild()
    text = explain(row(article, other))
    author = re.escape(f"+{weights.AUTHOR:.1f}")
    assert re.match(rf"1 shared topic \+\d\.\d, same author {author}, (.*, )?new [+−]0\.0$", text)
    assert "like the article's closest pieces +" in text


def test_the_article_admin_shows_each_language_s_recommendations_explained(
    client, staff, make, rebuild
):
    article = make(languages={"en": "published", "ar": "published"})
    make(languages={"en": "published", "ar": "published"})
    rebuild()
    client.force_login(staff)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Recommendations, as computed" in content
    assert content.count("1 shared topic +") == 2  # English and Arabic
    assert "تحليل رقم" in content


def test_rebuild_recommendations_reports_what_it_wrote(make, capsys):
    make(), make()
    call_command("rebuild_recommendations")
    assert Recommendation.objects.count() == 2
    assert "Recommendations rebuilt: 2 rows" in capsys.readouterr().out


def test_the_engine_beats_both_baselines_on_clustered_stories():
    scores = evaluation.run(clusters=8, per_cluster=10)
    line = evaluation.summary_line(scores, 3)
    assert line.startswith("precision@3 en=")
    assert "| newest-in-topic en=" in line and "| random en=" in line
    for lang in ("en", "ar", "fa"):
        assert scores["engine"][lang] > scores["newest-in-topic"][lang]
        assert scores["engine"][lang] > scores["random"][lang]

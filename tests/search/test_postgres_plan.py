"""The search statement's plan on PostgreSQL."""

import json

import pytest
from django.db import connection

from tests.articles.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


@pytest.fixture
def plans():
    """EXPLAIN ANALYZE each search statement as it runs, in its session's settings."""
    found = []

    def explain(execute, sql, params, many, context):
        if sql.startswith("WITH m AS MATERIALIZED"):
            cursor = context["cursor"]
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            found.append(plan if isinstance(plan, list) else json.loads(plan))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        yield found


@pytest.mark.parametrize("query", ["", "q=iran", "q=iran&sort=date&topic=1"])
def test_no_search_is_jit_compiled(client, plans, query):
    # Discouraging sequential scans makes a search without words cost 10^10 to the planner,
    # far past jit_above_cost: compiling it took ten times as long as running it.
    ArticleFactory(languages={"en": {"title": "Iran and the deal"}})
    assert client.get(f"/search/?{query}").status_code == 200
    assert plans
    assert all("JIT" not in plan[0] for plan in plans), plans

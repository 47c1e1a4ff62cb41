"""
Schemathesis against the API's own OpenAPI schema (issue 19): requests generated from the
schema, valid and invalid, never get a 5xx, and every answer matches the schema.
Bounded (a few examples per operation) so that it takes seconds in `make test`.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.articles.factories import ArticleFactory
from tests.experts.factories import ExpertFactory
from tests.taxonomy.factories import RegionFactory, TopicFactory


@pytest.fixture
def api_schema(db, settings):
    from thinktank.wsgi import application

    settings.API_RATE_PER_CLIENT = 1_000_000  # the generated requests are one client
    expert = ExpertFactory()
    ArticleFactory(
        authors=[expert],
        topics=[TopicFactory()],
        regions=[RegionFactory()],
        languages={"en": "published", "ar": "published", "fa": "draft"},
    )
    # As Django's test client does: a request ending must not close the connection that
    # holds the test's transaction (schemathesis calls the WSGI application itself).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_keeps_to_its_schema(api_schema):
    # Each operation in turn, by Hypothesis directly: schemathesis' pytest loader
    # (from_fixture) does not run under this pytest.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_schema(case):
            # An id or a cursor can be of the schema's shape and still name nothing: the
            # API says so with a 400, which the check of "valid data accepted" would flag.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            assert response.status_code < 500, (case.path, case.query)

        keeps_to_schema()

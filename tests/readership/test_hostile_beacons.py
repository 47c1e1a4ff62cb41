"""Whatever a client posts to the beacon's endpoint, the answer is an empty 204."""

import json
from unittest import mock

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readership import views
from tests.readership.helpers import BROWSER

pytestmark = pytest.mark.django_db

text = st.text(max_size=60)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), text)
piece = st.one_of(
    text,
    st.builds(
        "{}:{}".format,
        st.sampled_from(["article", "topic", "region", "type", "expert", ""]),
        st.one_of(st.integers(min_value=-5, max_value=10**20), text),
    ),
)
beacon = st.fixed_dictionaries(
    {},
    optional={
        "piece": st.one_of(piece, scalar, st.lists(scalar, max_size=3)),
        "language": st.one_of(st.sampled_from(["en", "ar", "fa", "de", ""]), scalar),
        "from": st.one_of(
            st.sampled_from(["/", "/policy-analysis/x", "/ar/policy-analysis/y", "//x/y"]),
            st.builds("/policy-analysis/{}".format, text),
            scalar,
        ),
    },
)
body = st.one_of(beacon.map(lambda data: json.dumps(data).encode()), st.binary(max_size=300))
header = st.one_of(st.none(), text, st.sampled_from(["prefetch", "same-origin", "cross-site"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=body,
    agent=st.one_of(st.just(BROWSER), header),
    origin=st.one_of(st.just("http://testserver"), header),
    site=header,
    method=st.sampled_from(["POST", "POST", "GET", "PUT"]),
)
def test_any_request_is_answered_with_an_empty_204(body, agent, origin, site, method):
    headers = {
        name: value
        for name, value in (
            ("HTTP_USER_AGENT", agent),
            ("HTTP_ORIGIN", origin),
            ("HTTP_SEC_FETCH_SITE", site),
        )
        if value is not None
    }
    with mock.patch.object(views.logger, "exception") as failed:
        response = Client().generic(
            method, "/readership/hit", data=body, content_type="text/plain;charset=UTF-8", **headers
        )
    assert not failed.called  # refused or counted, never an error hidden behind the 204
    assert response.status_code == 204
    assert response.content == b""
    assert not response.cookies

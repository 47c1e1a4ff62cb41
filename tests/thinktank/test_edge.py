"""
Edge purges (thinktank.edge): each backend against a local HTTP server that records the
exact request it would send to Varnish, Cloudflare or Fastly, and answers as they do.
Over 300 lines: one behaviour (the purge request) for three backends, with the local server
they share.
"""

import http.server
import json
import logging
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.thinktank.test_settings import run_settings
from thinktank import edge

TOKEN = "secret-token-never-logged"


class Recorder:
    """An HTTP server in a thread: records each request, answers with the next reply."""

    def __init__(self):
        self.requests, self.replies = [], []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle_one_request(self):
                self.raw_requestline = self.rfile.readline(65537)
                if not self.parse_request():
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": self.headers,
                        "body": body,
                    }
                )
                status, headers, reply = (
                    recorder.replies.pop(0) if recorder.replies else recorder.default
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.default = (200, {}, b"")
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def servers():
    started = []

    def start(default=(200, {}, b"")):
        recorder = Recorder()
        recorder.default = default
        started.append(recorder)
        return recorder

    yield start
    for recorder in started:
        recorder.close()


@pytest.fixture
def configure(settings, monkeypatch):
    """Point settings.EDGE_PURGE at the given backends (and the APIs at local servers)."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)

    def apply(varnish=(), cloudflare=None, fastly=None):
        settings.EDGE_PURGE = {
            "varnish": list(varnish),
            "cloudflare_zone": "zone123" if cloudflare else None,
            "cloudflare_token": TOKEN if cloudflare else None,
            "fastly_service": "svc456" if fastly else None,
            "fastly_token": TOKEN if fastly else None,
            "timeout": 5,
        }
        if cloudflare:
            monkeypatch.setattr(edge, "CLOUDFLARE_API", cloudflare.url + "/client/v4")
        if fastly:
            monkeypatch.setattr(edge, "FASTLY_API", fastly.url)

    return apply


CLOUDFLARE_OK = (200, {"Content-Type": "application/json"}, b'{"success": true, "result": {}}')


# Varnish


def test_varnish_gets_one_purge_with_the_tags_in_the_xkey_purge_header(servers, configure):
    varnish = servers((200, {"X-Purged": "3"}, b"Purged 3\n"))
    configure(varnish=[varnish.url + "/"])
    edge.purge(["a12", "e3", "l:en", "a12"])
    [request] = varnish.requests
    assert request["method"] == "PURGE"
    assert request["path"] == "/"
    assert request["headers"]["xkey-purge"] == "a12 e3 l:en"
    assert request["body"] == b""


def test_every_varnish_server_is_purged(servers, configure):
    first, second = servers(), servers()
    configure(varnish=[first.url + "/", second.url + "/"])
    edge.purge(["t4"])
    assert [r["headers"]["xkey-purge"] for r in first.requests + second.requests] == ["t4", "t4"]


def test_many_tags_are_split_into_headers_varnish_accepts(servers, configure):
    varnish = servers()
    configure(varnish=[varnish.url + "/"])
    tags = [f"a{number}" for number in range(2000)]
    edge.purge(tags)
    sent = [r["headers"]["xkey-purge"] for r in varnish.requests]
    assert len(sent) == 3
    assert all(len(header) <= edge.Varnish.batch_chars for header in sent)
    assert " ".join(sent).split() == tags


def test_the_count_varnish_reports_is_logged(servers, configure, caplog):
    varnish = servers((200, {"X-Purged": "7"}, b""))
    configure(varnish=[varnish.url + "/"])
    with caplog.at_level(logging.INFO, logger="thinktank.edge"):
        edge.purge(["site"])
    assert "1 tags, 7 objects" in caplog.text


def test_varnish_is_purged_directly_never_through_an_http_proxy(servers, configure, monkeypatch):
    varnish, proxy = servers(), servers()
    configure(varnish=[varnish.url + "/"])
    monkeypatch.setenv("http_proxy", proxy.url)
    edge.purge(["a1"])
    assert (len(varnish.requests), proxy.requests) == (1, [])


def test_a_refused_varnish_purge_raises_for_the_task_to_retry(servers, configure):
    varnish = servers((403, {}, b"Forbidden"))
    configure(varnish=[varnish.url + "/"])
    with pytest.raises(edge.EdgePurgeError, match="403"):
        edge.purge(["a1"])


def test_an_unreachable_varnish_raises(configure, servers):
    gone = servers()
    gone.close()
    configure(varnish=[gone.url + "/"])
    with pytest.raises(edge.EdgePurgeError, match="failed"):
        edge.purge(["a1"])


# Cloudflare


def test_cloudflare_gets_the_tags_as_json_with_the_bearer_token(servers, configure):
    api = servers(CLOUDFLARE_OK)
    configure(cloudflare=api)
    edge.purge(["site", "a12", "l:ar"])
    [request] = api.requests
    assert request["method"] == "POST"
    assert request["path"] == "/client/v4/zones/zone123/purge_cache"
    assert request["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {"tags": ["site", "a12", "l:ar"]}


def test_cloudflare_gets_at_most_100_tags_a_request(servers, configure):
    api = servers(CLOUDFLARE_OK)
    configure(cloudflare=api)
    tags = [f"a{number}" for number in range(250)]
    edge.purge(tags)
    sent = [json.loads(request["body"])["tags"] for request in api.requests]
    assert [len(batch) for batch in sent] == [100, 100, 50]
    assert sum(sent, []) == tags


def test_a_cloudflare_answer_without_success_raises(servers, configure):
    api = servers((200, {}, b'{"success": false, "errors": [{"code": 1134}]}'))
    configure(cloudflare=api)
    with pytest.raises(edge.EdgePurgeError, match="1134"):
        edge.purge(["a1"])


def test_cloudflare_rate_limiting_raises_without_the_token(servers, configure, caplog):
    api = servers((429, {}, b'{"success": false}'))
    configure(cloudflare=api)
    with pytest.raises(edge.EdgePurgeError, match="429") as raised:
        edge.purge(["a1"])
    assert TOKEN not in str(raised.value)
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(edge.backends())


def test_a_redirect_is_not_followed_with_the_token(servers, configure):
    elsewhere = servers(CLOUDFLARE_OK)
    api = servers((302, {"Location": elsewhere.url + "/steal"}, b""))
    configure(cloudflare=api)
    with pytest.raises(edge.EdgePurgeError, match="302"):
        edge.purge(["a1"])
    assert elsewhere.requests == []


# Fastly


def test_fastly_gets_the_keys_in_a_surrogate_key_header_with_its_token(servers, configure):
    api = servers((200, {"Content-Type": "application/json"}, b'{"a12": "108-1391560174-974"}'))
    configure(fastly=api)
    edge.purge(["a12", "e3"])
    [request] = api.requests
    assert request["method"] == "POST"
    assert request["path"] == "/service/svc456/purge"
    assert request["headers"]["Fastly-Key"] == TOKEN
    assert request["headers"]["Surrogate-Key"] == "a12 e3"
    assert "Authorization" not in request["headers"]


def test_fastly_gets_at_most_256_keys_a_request(servers, configure):
    api = servers((200, {}, b"{}"))
    configure(fastly=api)
    tags = [f"e{number}" for number in range(600)]
    edge.purge(tags)
    sent = [request["headers"]["Surrogate-Key"].split() for request in api.requests]
    assert [len(batch) for batch in sent] == [256, 256, 88]
    assert sum(sent, []) == tags


def test_a_fastly_error_raises_without_the_token(servers, configure):
    api = servers((401, {}, b'{"msg": "Provided credentials are missing or invalid"}'))
    configure(fastly=api)
    with pytest.raises(edge.EdgePurgeError, match="401") as raised:
        edge.purge(["a1"])
    assert TOKEN not in str(raised.value)


# All of them


def test_one_failing_backend_does_not_stop_the_others(servers, configure):
    broken, varnish = servers((503, {}, b"")), servers()
    cloudflare, fastly = servers(CLOUDFLARE_OK), servers((200, {}, b"{}"))
    configure(varnish=[broken.url + "/", varnish.url + "/"], cloudflare=cloudflare, fastly=fastly)
    with pytest.raises(edge.EdgePurgeError, match="503"):
        edge.purge(["a1"])
    assert [len(s.requests) for s in (broken, varnish, cloudflare, fastly)] == [1, 1, 1, 1]


def test_nothing_configured_sends_nothing(configure):
    configure()
    assert edge.backends() == []
    edge.purge(["a1"])


def test_no_tags_send_nothing(servers, configure):
    varnish = servers()
    configure(varnish=[varnish.url + "/"])
    edge.purge([])
    assert varnish.requests == []


@pytest.mark.parametrize("tag", ["", "two words", "a,b", "ملف", "a\nb", "x" * 1025, None])
def test_a_malformed_tag_is_refused_before_anything_is_sent(servers, configure, tag):
    varnish = servers()
    configure(varnish=[varnish.url + "/"])
    with pytest.raises(ValueError, match="Not edge cache tags"):
        edge.purge(["a1", tag])
    assert varnish.requests == []


def test_settings_read_the_backends_from_the_environment():
    code = "import thinktank.settings as s; import json; print(json.dumps(s.EDGE_PURGE))"
    result = run_settings(
        code,
        DEBUG="1",
        EDGE_VARNISH_URLS="http://10.0.0.5:6081/, http://10.0.0.6:6081/",
        EDGE_CLOUDFLARE_ZONE_ID="z",
        EDGE_CLOUDFLARE_API_TOKEN="t",
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["varnish"] == ["http://10.0.0.5:6081/", "http://10.0.0.6:6081/"]
    assert (config["cloudflare_zone"], config["fastly_service"]) == ("z", None)


@pytest.mark.parametrize(
    "env, message",
    [
        (
            {"EDGE_FASTLY_SERVICE_ID": "s"},
            "Set both EDGE_FASTLY_SERVICE_ID and EDGE_FASTLY_API_TOKEN",
        ),
        ({"EDGE_CLOUDFLARE_API_TOKEN": "t"}, "Set both EDGE_CLOUDFLARE_ZONE_ID"),
        ({"EDGE_VARNISH_URLS": "10.0.0.5:6081"}, "is not an http(s) URL"),
    ],
)
def test_a_half_configured_backend_stops_start_up(env, message):
    result = run_settings(DEBUG="1", **env)
    assert result.returncode != 0
    assert ImproperlyConfigured.__name__ in result.stderr
    assert message in result.stderr

#
# Varnish in front of the app's gunicorn (deploy/varnish/README.md).
#
# Varnish 7.x with vmod_xkey (Debian 12: apt-get install varnish varnish-modules).
# Anonymous GET and HEAD requests are cached for the response's s-maxage; the tags in
# the app's Surrogate-Key header index each object, and a PURGE from an address in the
# `purgers` ACL drops every object carrying one of the tags it names (thinktank.edge).
# Staff (a session cookie), Authorization, the admin, previews and /healthz pass.
#
vcl 4.1;

import std;
import cookie;
import xkey;

# The app: gunicorn (`make serve`, BIND). The probe's request carries Host: <.host>,
# which must be in ALLOWED_HOSTS (or set .host_header to a name that is).
backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 3s;
        .window = 5;
        .threshold = 3;
        # Healthy from the start: a cold cache must not answer 503 until three probes.
        .initial = 3;
    }
}

# Who may purge: the app servers and workers (their EDGE_VARNISH_URLS point here).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app;
    unset req.http.X-Cache;
    if (req.restarts == 0) {
        # Set by this VCL only (vcl_hit, PURGE), never taken from a client.
        unset req.http.X-Refresh;
        unset req.http.X-Purged;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # Tags, separated by spaces: xkey-purge drops the objects, xkey-softpurge
        # makes them stale (served in grace while a fresh copy is fetched).
        if (req.http.xkey-purge) {
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.X-Purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "Name the tags in an xkey-purge header"));
        }
        return (synth(200, "Purged"));
    }
    # The debug header (see vcl_deliver) is honoured from the purgers only.
    if (client.ip !~ purgers) {
        unset req.http.X-Cache-Debug;
    }
    if (req.http.host ~ "[[:upper:]]") {
        set req.http.host = req.http.host.lower();
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # Forms (the admin, logins), and anything else: straight to the app.
        return (pass);
    }
    # Never cached by the app either (thinktank.page_cache): the admin, previews, health.
    if (req.url ~ "^/(admin|preview|healthz)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # Staff (a session): everything fresh from the app, with all their cookies (the
    # admin's language, ...), nothing stored.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("sessionid")) {
            return (pass);
        }
    }
    # An anonymous reader: one cached copy for all. The app's public pages depend on no
    # cookie (csrftoken included, analytics cookies set by scripts even less) and not on
    # Accept-Language (the language is in the URL), as its own page cache assumes, so the
    # request goes on without them and a Vary on either does not split the cache.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    if (req.restarts > 0 && req.http.X-Refresh) {
        # vcl_hit found the object past its stale-while-revalidate time with the app up.
        set req.hash_always_miss = true;
    }
    return (hash);
}

sub vcl_hash {
    # The app redirects plain HTTP to HTTPS: the two must not share an object.
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in vcl_hash adds the URL and the host.
}

sub vcl_hit {
    if (obj.ttl > 0s) {
        set req.http.X-Cache = "HIT";
        return (deliver);
    }
    # In grace. Within stale-while-revalidate, serve the stale copy while Varnish fetches
    # a fresh one in the background. Past it, only while the app is down (stale-if-error):
    # with the app up, fetch a fresh copy now.
    if (std.healthy(req.backend_hint)
        && obj.ttl + std.duration(obj.http.X-Stale-While-Revalidate + "s", 0s) <= 0s
        && !req.http.X-Refresh) {
        set req.http.X-Refresh = "1";
        return (restart);
    }
    set req.http.X-Cache = "STALE";
    return (deliver);
}

sub vcl_miss {
    set req.http.X-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    # A background refresh that fails keeps the stale copy instead of storing the error.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    # xkey indexes the object by the tags in its `xkey` header; the app names them in
    # Surrogate-Key (space-separated, as xkey reads them).
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # The TTL is s-maxage (else max-age), and the grace stale-while-revalidate: Varnish
    # reads both from Cache-Control itself. stale-if-error, when longer, extends the grace;
    # vcl_hit serves the extra part only while the app is down.
    set beresp.http.X-Stale-While-Revalidate = beresp.grace;
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=(\d+).*$", "\1s"), 0s);
        if (beresp.grace < std.duration(beresp.http.X-Stale-While-Revalidate + "s", 0s)) {
            set beresp.grace = std.duration(beresp.http.X-Stale-While-Revalidate + "s", 0s);
        }
    }
    # Stored only what the app says may be stored, for as long as it says: a response
    # without max-age or s-maxage (a 404, a redirect) is not kept (it has no tags to be
    # purged by), nor does Varnish's default TTL apply to it.
    if (beresp.http.Cache-Control !~ "(s-maxage|max-age)=\d+") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The built-in rules follow: no caching of responses that set cookies, say private,
    # no-cache or no-store, or carry no TTL.
}

sub vcl_deliver {
    if (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    }
    unset resp.http.X-Stale-While-Revalidate;
    unset resp.http.xkey;
    # The tags are for caches, not readers (unless a purger asks, to debug). If a CDN sits
    # in front of this Varnish and indexes by them, delete these two lines.
    if (!req.http.X-Cache-Debug) {
        unset resp.http.Surrogate-Key;
        unset resp.http.Cache-Tag;
    }
}

sub vcl_backend_error {
    # Nor does a background refresh that cannot reach the app.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_synth {
    if (req.method == "PURGE" && req.http.X-Purged) {
        set resp.http.X-Purged = req.http.X-Purged;
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + " " + req.http.X-Purged + {"
"};
        return (deliver);
    }
}

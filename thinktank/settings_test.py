"""Settings for the test suite: the real settings, with a throw-away key and fast hashing."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="thinktank-test-media-"))
# The shared file cache of the embedded default, in a directory of this run's own.
# Tasks run at once, in the process that enqueues them (tests of the queue choose the
# database backend themselves).
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("CACHE_DIR", tempfile.mkdtemp(prefix="thinktank-test-cache-"))
# Parallel test processes (pytest -n) each get a cache of their own: they share names
# (article 1, tag art-1) but not content. (The servers a test starts share its cache:
# tests/thinktank/servers.py hands them its folder and no worker name.)
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="thinktank-test-cache-")

from thinktank.settings import *  # noqa: E402,F403

# Tests cover the demo app too (seed_demo, the demo site, the recommendation evaluation).
if "demo" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

# One machine, one clock: a page rendered after a change may be stored at once.
PAGE_CACHE_CLOCK_MARGIN_MS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The test client speaks plain HTTP to unhashed static files; production keeps both.
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the app folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tests of the task queue count the tasks they enqueue; the clock's own (core.periodic)
# are tested where they are chosen.
TASKS_PERIODIC = []

# Tasks run at once here: a PDF edition per published version would slow every test that
# publishes one. The PDF tests turn it on.
PDF_EDITIONS_IN_BACKGROUND = False

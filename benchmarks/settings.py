"""Settings for benchmark runs: the production settings plus a trivial view (benchmarks.urls)."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret-" + "x" * 30)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # loopback speaks plain HTTP
os.environ.setdefault("SECURE_COOKIES", "0")

from thinktank.settings import *  # noqa: E402,F403

# The benchmarks seed their database with seed_demo (the development-only demo app).
if "demo" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
ROOT_URLCONF = "benchmarks.urls"
AXES_ENABLED = False  # the benchmark logs in to time the admin change list

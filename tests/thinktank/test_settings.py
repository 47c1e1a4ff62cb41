import os
import subprocess
import sys

from django.conf import settings

PRINT_ENGINE = "import thinktank.settings as s; print(s.DATABASES['default']['ENGINE'])"


def run_settings(**env):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", PRINT_ENGINE],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_start_up_stops_without_a_secret_key():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_secret_key_or_debug_lets_it_start():
    assert run_settings(DEBUG="0", SECRET_KEY="x" * 50).returncode == 0
    assert run_settings(DEBUG="1").returncode == 0


def test_database_url_selects_postgresql():
    result = run_settings(DEBUG="1", DATABASE_URL="postgres://u@db.example:5432/site")
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_a_malformed_boolean_is_refused_clearly():
    result = run_settings(DEBUG="maybe")
    assert "DEBUG must be one of" in result.stderr

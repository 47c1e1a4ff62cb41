import os
import subprocess
import sys

from django.conf import settings

PRINT_ENGINE = "import thinktank.settings as s; print(s.DATABASES['default']['ENGINE'])"
PRINT_APPS = "import thinktank.settings as s; print(' '.join(s.INSTALLED_APPS))"


def run_settings(code=PRINT_ENGINE, **env):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", code],
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


def test_production_does_not_install_the_demo_app():
    result = run_settings(PRINT_APPS, DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert "articles" in result.stdout.split()
    assert "demo" not in result.stdout.split()


def test_development_installs_the_demo_app():
    result = run_settings(PRINT_APPS, DEBUG="1")
    assert "demo" in result.stdout.split()


def test_production_has_no_seed_demo_command():
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--articles", "1"],
        env={**clean, "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "thinktank.settings"},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr

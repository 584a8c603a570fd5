"""Production settings (issue 8, finding 2): no public secret key, and
`check --deploy` clean with the production variables of docs/exploitation.md.

Each test runs `manage.py` in a fresh process with a controlled environment,
without PYTEST_VERSION (which lets the test run use the development key)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from gecolib.settings import DEVELOPMENT_SECRET_KEY

PROJECT_DIR = Path(__file__).resolve().parents[2]

# The variables of docs/exploitation.md's « Déploiement » (tests/test_docs.py
# checks they are the ones shown there), without the
# services a system check does not need (database, Redis, SMTP).
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "portail.gecolib.fr",
    "SITE_URL": "https://portail.gecolib.fr",
    "BEHIND_HTTPS_PROXY": "true",
    "TRUSTED_PROXY_COUNT": "1",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        name: value
        for name, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests only.
        if name not in {"PYTEST_VERSION", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not name.startswith(("SECRET_KEY", "DEBUG", "SECURE_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_production_variables():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, SECRET_KEY=_random_key()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_reads_the_key_from_a_secret_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(_random_key() + "\n", encoding="utf-8")
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, SECRET_KEY_FILE=str(key_file)
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("key", [None, "", DEVELOPMENT_SECRET_KEY])
def test_production_refuses_to_start_without_a_secret_key(key):
    env = dict(PRODUCTION) if key is None else {**PRODUCTION, "SECRET_KEY": key}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY manquante : définissez la variable d'environnement SECRET_KEY" in (
        result.stderr
    )
    assert "SECRET_KEY is not set" in result.stderr


def test_migration_check_needs_no_key():
    """Checking for missing migrations signs nothing: it runs on a fresh clone."""
    result = manage("makemigrations", "--check", "--dry-run", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_development_key_only_with_debug():
    result = manage("check", DEBUG="true")
    assert result.returncode == 0, result.stdout + result.stderr


def _random_key() -> str:
    return secrets.token_urlsafe(50)

import os
import secrets
import subprocess
import sys

from tests.conftest import ROOT

REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "FIELD_ENCRYPTION_KEYS",
    "ERASURE_LEDGER_PATH",
]


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if key not in REQUIRED}
    env.pop("DEBUG", None)
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("SECURE_COOKIES", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    env.update(
        DJANGO_SETTINGS_MODULE="vvf.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="vvf.example.org",
        SITE_URL="https://vvf.example.org",
        DATABASE_URL=os.environ["DATABASE_URL"],
        CELERY_BROKER_URL=os.environ["CELERY_BROKER_URL"],
        FIELD_ENCRYPTION_KEYS="a2V5LWZvci10aGUtZGVwbG95LWNoZWNrLXRlc3QtMzI=",
        ERASURE_LEDGER_PATH="/nonexistent/erasure-ledger.txt",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_settings_pass_check_deploy_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=None))

    assert result.returncode == 1
    assert "The environment variable SECRET_KEY is required. See .env.example." in result.stderr


def test_production_refuses_to_start_without_the_erasure_ledger():
    result = manage("check", env=production_env(ERASURE_LEDGER_PATH=None))

    assert result.returncode == 1
    assert "ERASURE_LEDGER_PATH is required" in result.stderr


def test_production_refuses_to_start_without_broker():
    result = manage("check", env=production_env(CELERY_BROKER_URL=None))

    assert result.returncode == 1
    assert "CELERY_BROKER_URL is required" in result.stderr


def test_production_refuses_to_start_with_a_retention_period_below_the_policy():
    result = manage("check", env=production_env(RETENTION_MEMBER_MONTHS="5"))

    assert result.returncode == 1
    assert "RETENTION_MEMBER_MONTHS must be at least 6, not 5." in result.stderr

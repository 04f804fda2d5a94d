import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from clinic.settings.base import BASE_DIR

# A key for these throwaway production processes; production reads its own from the environment.
KEY = Fernet.generate_key().decode()


def run_with_production_settings(code, **env_overrides):
    env = clean_environment()
    env.update(DJANGO_SETTINGS_MODULE="clinic.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )


SETUP = "import django; django.setup()"


def clean_environment():
    """This process's environment less what the tests set (the browser tests' async flag)."""
    unwanted = (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "FIELD_ENCRYPTION_KEYS",
        "SITE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    )
    return {k: v for k, v in os.environ.items() if k not in unwanted}


# What production needs to start: its secrets and its one public address.
REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "clinic.example",
    "FIELD_ENCRYPTION_KEYS": KEY,
    "SITE_URL": "https://clinic.example",
}


def without(name):
    return {key: value for key, value in REQUIRED.items() if key != name}


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY, ALLOWED_HOSTS, FIELD_ENCRYPTION_KEYS, SITE_URL"),
        *((without(name), name) for name in REQUIRED),
    ],
)
def test_production_refuses_to_start_without_its_secrets_and_address(env, missing):
    result = run_with_production_settings(SETUP, **env)
    assert result.returncode != 0
    assert f"Production settings need these environment variables: {missing}" in result.stderr


@pytest.mark.parametrize(
    "address", ["clinic.example", "ftp://clinic.example", "https://clinic.example/site/"]
)
def test_production_refuses_a_site_url_that_is_not_an_address(address):
    result = run_with_production_settings(SETUP, **{**REQUIRED, "SITE_URL": address})
    assert result.returncode != 0
    assert "SITE_URL must be the site's address, like https://clinic.example" in result.stderr


def test_production_refuses_a_key_that_is_not_a_fernet_key():
    result = run_with_production_settings(
        SETUP, **{**REQUIRED, "FIELD_ENCRYPTION_KEYS": f"{KEY},not-a-key"}
    )
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS: key 2 is not a Fernet key" in result.stderr


def test_production_reads_hosts_proxy_and_email_from_the_environment():
    code = (
        f"{SETUP}; from django.conf import settings as s; "
        "print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.SECURE_PROXY_SSL_HEADER, "
        "s.EMAIL_HOST, s.EMAIL_PORT, s.DEFAULT_FROM_EMAIL, s.CACHES['default']['BACKEND'])"
    )
    result = run_with_production_settings(
        code,
        **{**REQUIRED, "ALLOWED_HOSTS": "clinic.example, www.clinic.example"},
        CSRF_TRUSTED_ORIGINS="https://clinic.example",
        EMAIL_HOST="smtp.clinic.example",
        EMAIL_PORT="2525",
        DEFAULT_FROM_EMAIL="web@clinic.example",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "['clinic.example',",
        "'www.clinic.example']",
        "['https://clinic.example']",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "smtp.clinic.example",
        "2525",
        "web@clinic.example",
        "clinic.serving.resilient_cache.ResilientRedisCache",
    ]


def test_deployment_checklist_passes_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **clean_environment(),
            "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-" + "k3y9" * 10,
            "ALLOWED_HOSTS": "clinic.example",
            "FIELD_ENCRYPTION_KEYS": KEY,
            "SITE_URL": "https://clinic.example",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_never_creates_demo_accounts():
    code = (
        f"{SETUP}; from django.conf import settings as s; print(getattr(s, 'DEMO_ACCOUNTS', False))"
    )
    result = run_with_production_settings(code, **REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"

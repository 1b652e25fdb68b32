import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "nonsense"),
        ("CELERY_BROKER_URL", "ftp://x"),
        ("TRUSTED_PROXIES", "10.0.0.1,nonsense"),
    ],
)
def test_it_refuses_to_start_with_a_malformed_value(variable, value):
    env = {**os.environ, variable: value}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "leadership.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert variable in result.stderr


def _cache_backend(cache_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "leadership.settings"}
    env.pop("CACHE_URL", None)
    if cache_url is not None:
        env["CACHE_URL"] = cache_url
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'])",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    return result


def test_the_cache_is_files_on_a_laptop_and_redis_when_set():
    laptop = _cache_backend(None)
    assert laptop.stdout.startswith("django.core.cache.backends.filebased.FileBasedCache")
    assert laptop.stdout.strip().endswith("var/cache")
    redis = _cache_backend("redis://127.0.0.1:6379/2")
    assert redis.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/2",
    ]
    broken = _cache_backend("nonsense")
    assert broken.returncode != 0
    assert "CACHE_URL" in broken.stderr

"""Settings come from the environment; production refuses to start without a key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    # An empty .env elsewhere must not help: point nothing at the project's .env.
    result = _run_check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_starts_with_secret_key_and_debug_off():
    result = _run_check({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k" * 50})
    assert result.returncode == 0, result.stderr


def test_a_mistyped_private_network_for_agency_pictures_stops_the_start():
    """Refused at start-up, not in the middle of an import."""
    result = _run_check({"DJANGO_DEBUG": "true", "NINJS_MEDIA_PRIVATE_NETWORKS": "10.0.0.0/33"})
    assert result.returncode != 0
    assert "NINJS_MEDIA_PRIVATE_NETWORKS" in result.stderr
    allowed = _run_check({"DJANGO_DEBUG": "true", "NINJS_MEDIA_PRIVATE_NETWORKS": "10.1.2.0/24"})
    assert allowed.returncode == 0, allowed.stderr

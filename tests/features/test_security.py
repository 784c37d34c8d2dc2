"""Secure by default: the deployment check passes and every response carries the headers."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
    "DJANGO_HTTPS": "true",
}


def _manage(args, env_overrides):
    # Nothing from the caller's DJANGO_* may help, nor the project's .env (a
    # set variable, even empty, wins over .env).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_", "MEDIA_"))}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 -- our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_deployment_check_passes_with_production_environment():
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_deployment_check_fails_without_https():
    """The check really looks: without DJANGO_HTTPS the same environment warns."""
    result = _manage(
        ["check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION, "DJANGO_HTTPS": "false"}
    )
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stdout + result.stderr


def _settings(env_overrides, *names):
    code = "from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = _manage(["shell", "--no-imports", "-c", code], {**PRODUCTION, **env_overrides})
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_https_turns_on_hsts_secure_cookies_and_redirect():
    names = ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER")  # fmt: skip
    on = _settings({"DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"}, *names)
    assert on == ["True", "31536000", "True", "True", "('HTTP_X_FORWARDED_PROTO', 'https')"]
    off = _settings({"DJANGO_HTTPS": "false"}, *names[:-1])
    assert off == ["False", "0", "False", "False"]


def test_media_domain_is_allowed_for_images_only_when_configured():
    (plain,) = _settings({}, "SECURE_CSP['img-src']")
    assert plain == "[<CSP.SELF: \"'self'\">]"
    s3 = {
        "MEDIA_STORAGE": "s3",
        "S3_MEDIA_BUCKET": "m",
        "S3_ORIGINALS_BUCKET": "o",
        "S3_MEDIA_CUSTOM_DOMAIN": "media.news.example.org",
    }
    (cdn,) = _settings(s3, "SECURE_CSP['img-src']")
    assert "'https://media.news.example.org'" in cdn


# --- Headers on every kind of response ----------------------------------------------


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def assert_secure_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = _directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'"
    assert [s for s in csp["script-src"][1:] if not s.startswith("'nonce-")] == []
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["img-src"][0] == "'self'"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, status",
    [
        ("/en/articles/{slug}/", 200),
        ("/en/", 200),
        ("/admin/login/", 200),
        ("/en/articles/no-such-article/", 404),
        ("/en/feeds/rss/", 200),
        ("/sitemap.xml", 200),
    ],
)
def test_security_headers_on_every_kind_of_response(client, article_pt_en, path, status):
    response = client.get(path.format(slug=article_pt_en.slug_en))
    assert response.status_code == status
    assert_secure_headers(response)
    assert "Strict-Transport-Security" not in response  # plain http in tests


@pytest.mark.django_db
def test_hsts_is_sent_over_https_when_https_is_on(client, article_pt_en):
    with override_settings(
        SECURE_SSL_REDIRECT=True,
        SECURE_HSTS_SECONDS=31_536_000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
    ):
        assert client.get("/en/").status_code == 301  # http:// goes to https://
        response = client.get("/en/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert_secure_headers(response)


@pytest.mark.django_db
def test_public_pages_have_no_inline_styles_or_unnonced_scripts(client, article_pt_en):
    from bs4 import BeautifulSoup

    response = client.get(f"/en/articles/{article_pt_en.slug_en}/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select("[style]") == [] and page.select("style") == []
    # Django names the nonce in the header only once a template used it.
    nonces = [s[7:-1] for s in _directives(response)["script-src"] if s.startswith("'nonce-")]
    scripts = page.select("script")
    assert scripts, "the article page carries JSON-LD"
    for script in scripts:
        assert script.get("type") == "application/ld+json" or script.get("nonce") in nonces


def test_500_page_style_is_allowed_by_its_hash(client):
    import base64
    import hashlib
    import re

    from django.conf import settings

    page = (ROOT / "templates/jinja2/500.html").read_text()
    css = re.search(r"<style>(.*?)</style>", page).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in settings.SECURE_CSP["style-src"]

"""Accounts: login throttling, cookies, sessions, and only staff in the admin."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", "e@example.org", "right-password-1", is_staff=True, is_superuser=True
    )


def _login(client, password, username="editor", ip="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_right_password_logs_a_staff_user_into_the_admin(client, editor):
    response = _login(client, "right-password-1")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_the_username_and_address_out(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200  # the form, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Too many failed logins" in text and "Try again in 15 minutes" in text
    # Even the right password is refused while locked, and no session is made.
    assert _login(client, "right-password-1").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, editor, django_user_model):
    django_user_model.objects.create_user("other", password="other-password-1", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    # The same editor from another address, and another editor from this one, get in.
    assert _login(client, "right-password-1", ip="198.51.100.7").status_code == 302
    client.logout()
    assert _login(client, "other-password-1", username="other").status_code == 302


def test_lockout_lifts_after_the_cool_off(client, editor):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    assert _login(client, "right-password-1").status_code == 429
    # Move the attempts back past the cool-off time.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - settings.AXES_COOLOFF_TIME)  # fmt: skip
    assert _login(client, "right-password-1").status_code == 302


def test_a_success_resets_the_failure_count(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "right-password-1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "right-password-1").status_code == 302


def test_a_non_staff_user_is_refused_by_the_admin(client, django_user_model):
    django_user_model.objects.create_user("reader", password="reader-password-1")
    response = _login(client, "reader-password-1", username="reader")
    assert response.status_code == 200
    assert "staff account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_force_login_still_works_with_axes(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_session_cookie_is_httponly_lax_and_stored_in_the_database(client, editor):
    response = _login(client, "right-password-1")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain http in tests; DJANGO_HTTPS turns it on
    assert Session.objects.filter(session_key=cookie.value).exists()
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )


def test_csrf_cookie_is_lax(client):
    response = client.get(LOGIN)
    assert response.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"


def test_cookies_are_secure_when_https_is_on(client, editor, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    response = client.post(
        LOGIN, {"username": "editor", "password": "right-password-1"}, secure=True
    )
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"] is True
    # Logging in rotates the CSRF token, so the same response sets that cookie too.
    assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True

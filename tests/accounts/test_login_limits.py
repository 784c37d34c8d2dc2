"""Accounts: login throttling (per username and address, behind proxies, per password),
cookies, sessions, and only staff in the admin."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import F

from newsroom.accounts.models import PasswordFailure

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests log in hundreds of times; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


# --- The client's address behind reverse proxies ------------------------------

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.LOGIN_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.LOGIN_TRUSTED_PROXIES = ["10.0.0.0/24", "2001:db8::/32"]


def _via(client, password, forwarded, *, remote=PROXY, username="editor"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def _lock_out(client, forwarded, **kwargs):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _via(client, "wrong", forwarded, **kwargs)


def test_behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address(
    client, editor, behind_proxy
):
    _lock_out(client, "198.51.100.1")
    assert _via(client, "right-password-1", "198.51.100.1").status_code == 429
    # Another reader behind the same proxy is not locked out by the first.
    assert _via(client, "right-password-1", "198.51.100.2").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}


def test_without_the_header_setting_the_proxy_address_is_the_key(client, editor):
    """The default: REMOTE_ADDR, whatever X-Forwarded-For says."""
    _lock_out(client, "198.51.100.1")
    assert _via(client, "right-password-1", "198.51.100.2").status_code == 429


def test_a_client_that_is_no_trusted_proxy_cannot_choose_its_address(client, editor, behind_proxy):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _via(client, "wrong", f"198.51.100.{n}", remote="203.0.113.9")
    assert (
        _via(client, "right-password-1", "198.51.100.99", remote="203.0.113.9").status_code == 429
    )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_a_header_written_by_the_client_in_front_of_the_proxys_entry_is_ignored(
    client, editor, behind_proxy
):
    """The proxy appends the address it saw; what the client sent stays on the left."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        _via(client, "wrong", f"192.0.2.{n}, 10.0.0.7, 198.51.100.1")
    assert _via(client, "right-password-1", "10.0.0.5, 198.51.100.1").status_code == 429


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(client, editor, behind_proxy):
    _lock_out(client, "198.51.100.1, 10.0.0.7, 10.0.0.8")
    assert _via(client, "right-password-1", "198.51.100.1").status_code == 429
    assert _via(client, "right-password-1", "2001:db8::1, 198.51.100.2").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.1"}


@pytest.mark.parametrize(
    "forwarded",
    [
        "",
        "not-an-address",
        " , ,, ",
        "999.1.1.1",
        "fe80::1%eth0",
        "198.51.100.1:4711",
        "[2001:db8::5]",
        "x" * 1_000_000,
        "198.51.100.1," * 100_000,
        "10.0.0.3, " * 100_000,
        "\u0660.\u0661.\u0662.\u0663",
        "198.51.100.1\x00",
    ],
    ids=lambda value: repr(value[:20]),
)
def test_a_malformed_or_huge_header_is_never_a_500(client, editor, behind_proxy, forwarded):
    """An entry that is no address ends the walk: the last trusted proxy is the key."""
    assert _via(client, "wrong", forwarded).status_code == 200
    (address,) = AccessAttempt.objects.values_list("ip_address", flat=True)
    assert address in (PROXY, "10.0.0.3")
    assert _via(client, "right-password-1", forwarded).status_code == 302


def test_an_ipv4_mapped_address_is_the_same_client(client, editor, behind_proxy):
    _lock_out(client, "::ffff:198.51.100.1")
    assert _via(client, "right-password-1", "198.51.100.1").status_code == 429


@pytest.mark.parametrize(
    "env,message",
    [
        ({"LOGIN_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR"}, "needs LOGIN_TRUSTED_PROXIES"),
        ({"LOGIN_CLIENT_IP_HEADER": "X-Forwarded-For", "LOGIN_TRUSTED_PROXIES": "10.0.0.1"},
         "HTTP_X_FORWARDED_FOR"),
        ({"LOGIN_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR", "LOGIN_TRUSTED_PROXIES": "10.0.0.300"},
         "LOGIN_TRUSTED_PROXIES"),
    ],
)  # fmt: skip
def test_an_unsafe_proxy_setting_stops_the_server_from_starting(env, message):
    result = _manage_check(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_proxy_setting_with_trusted_proxies_starts():
    env = {"LOGIN_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
           "LOGIN_TRUSTED_PROXIES": "10.0.0.1,172.16.0.0/12,2001:db8::/32"}  # fmt: skip
    result = _manage_check(env)
    assert result.returncode == 0, result.stderr


def _manage_check(env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LOGIN_"))}
    env.update({"DJANGO_DEBUG": "true", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


# --- One password tried against many usernames ---------------------------------

SPRAYED = "Summer-2026!"


def _spray(client, count, *, first=0):
    """Failed logins with one password, each for another username from another address."""
    return [
        _login(client, SPRAYED, username=f"user{n}", ip=f"198.51.100.{n}").status_code
        for n in range(first, first + count)
    ]


def test_one_password_failing_for_many_usernames_is_locked_whatever_the_username(
    client, editor, django_user_model
):
    django_user_model.objects.create_user("victim", password=SPRAYED, is_staff=True)
    limit = settings.LOGIN_PASSWORD_USERNAME_LIMIT
    assert _spray(client, limit - 1) == [200] * (limit - 1)
    locked = _login(client, SPRAYED, username=f"user{limit}", ip="192.0.2.200")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # The right password of another account, from an address never seen: refused.
    assert _login(client, SPRAYED, username="victim", ip="192.0.2.201").status_code == 429
    assert "_auth_user_id" not in client.session
    # Other passwords are not affected.
    assert _login(client, "right-password-1", ip="192.0.2.202").status_code == 302


def test_one_username_failing_many_times_is_not_a_spray(client, editor):
    """Repeats for one username are axes' per-username limit, not this one."""
    for n in range(settings.LOGIN_PASSWORD_USERNAME_LIMIT + 2):
        _login(client, SPRAYED, username="user1", ip=f"198.51.100.{n}")
    assert _login(client, SPRAYED, username="user2", ip="192.0.2.9").status_code == 200


def test_a_success_does_not_reset_the_password_count(client, editor, django_user_model):
    django_user_model.objects.create_user("victim", password=SPRAYED, is_staff=True)
    limit = settings.LOGIN_PASSWORD_USERNAME_LIMIT
    _spray(client, limit - 1)
    assert _login(client, SPRAYED, username="victim", ip="192.0.2.201").status_code == 302
    client.logout()
    assert _login(client, "right-password-1", ip="192.0.2.202").status_code == 302
    client.logout()
    assert _spray(client, 1, first=limit) == [429]
    assert _login(client, SPRAYED, username="victim", ip="192.0.2.203").status_code == 429


def test_failures_older_than_the_window_do_not_count(client, editor):
    limit = settings.LOGIN_PASSWORD_USERNAME_LIMIT
    _spray(client, limit - 1)
    PasswordFailure.objects.update(attempt_time=F("attempt_time") - settings.LOGIN_PASSWORD_WINDOW)
    assert _spray(client, limit - 1, first=limit) == [200] * (limit - 1)


def test_the_password_lock_lifts_after_the_cool_off(client, editor, django_user_model):
    django_user_model.objects.create_user("victim", password=SPRAYED, is_staff=True)
    _spray(client, settings.LOGIN_PASSWORD_USERNAME_LIMIT)
    assert _login(client, SPRAYED, username="victim", ip="192.0.2.201").status_code == 429
    back = settings.AXES_COOLOFF_TIME + settings.LOGIN_PASSWORD_WINDOW
    PasswordFailure.objects.update(
        attempt_time=F("attempt_time") - back, locked_until=F("locked_until") - back
    )
    assert _login(client, SPRAYED, username="victim", ip="192.0.2.202").status_code == 302


def test_the_password_is_never_stored(client, editor):
    _spray(client, 3)
    rows = list(PasswordFailure.objects.values_list("password_key", "username"))
    assert len(rows) == 3 and len({key for key, _ in rows}) == 1
    stored = repr(rows) + repr(list(AccessAttempt.objects.values()))
    assert SPRAYED not in stored and SPRAYED.lower() not in stored.lower()


def test_the_password_limit_is_a_setting(client, editor, settings):
    settings.LOGIN_PASSWORD_USERNAME_LIMIT = 3
    assert _spray(client, 3) == [200, 200, 429]

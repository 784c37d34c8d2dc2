"""`manage.py ensure_admin`: a newcomer's one way into the admin.

One superuser with a random password, shown once; nothing more on later runs;
a name it cannot use is refused with a clear error and creates nothing.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = re.compile(r"user: (\S+)\s+password: (\S+)")


def ensure_admin(*args: str) -> str:
    out = StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


def log_in(client, username: str, password: str) -> bool:
    """Whether the admin's own login form lets these credentials in."""
    response = client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_creates_one_superuser_whose_password_is_shown_and_works(client):
    output = ensure_admin()
    assert "shown only this once" in output
    username, password = PASSWORD.search(output).groups()
    assert username == "admin"
    assert len(password) >= 16
    assert list(User.objects.values_list("username", "is_superuser", "is_staff")) == [
        ("admin", True, True)
    ]
    assert log_in(client, "admin", password)


def test_each_first_run_gets_its_own_password():
    first = PASSWORD.search(ensure_admin()).group(2)
    User.objects.all().delete()
    second = PASSWORD.search(ensure_admin()).group(2)
    assert first != second


def test_a_second_run_creates_nothing_and_shows_no_password(client):
    password = PASSWORD.search(ensure_admin()).group(2)
    output = ensure_admin()
    assert "password:" not in output
    assert "changepassword admin" in output
    assert User.objects.count() == 1
    assert log_in(client, "admin", password)  # the first password still works


def test_any_existing_superuser_is_enough_and_is_the_one_named(django_user_model):
    django_user_model.objects.create_superuser("editor-in-chief", "", "secret-enough-1")
    output = ensure_admin()
    assert "password:" not in output
    assert "changepassword editor-in-chief" in output
    assert not User.objects.filter(username="admin").exists()


def test_username_option_names_the_account(client):
    output = ensure_admin("--username", "redaktion")
    username, password = PASSWORD.search(output).groups()
    assert username == "redaktion"
    assert User.objects.get(is_superuser=True).username == "redaktion"
    assert log_in(client, "redaktion", password)


@pytest.mark.parametrize(
    ("username", "reason"),
    [
        ("", "cannot be blank"),
        ("bad name<script>", "Enter a valid username"),
        ("x" * 151, "at most 150 characters"),
    ],
)
def test_a_name_django_would_refuse_is_refused_and_nothing_is_created(username, reason):
    with pytest.raises(CommandError, match=reason) as refused:
        ensure_admin("--username", username)
    assert "--username" in str(refused.value)
    assert not User.objects.exists()


def test_a_name_taken_by_an_ordinary_user_is_refused_clearly(django_user_model):
    django_user_model.objects.create_user("admin", "", "reader-password-1")
    with pytest.raises(CommandError, match="'admin': that user exists and is not a superuser"):
        ensure_admin()
    assert not User.objects.filter(is_superuser=True).exists()

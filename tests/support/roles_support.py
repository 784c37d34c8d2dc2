"""Shared helpers for the role tests: users in a role, the user form's POST, what a page shows."""

from __future__ import annotations

import importlib
import re

from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.test import Client

from articles.models import TranslatorLanguage
from articles.services.previews import SALT

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ROLES = importlib.import_module("articles.migrations.0007_roles").ROLES


def ensure_role_groups() -> None:
    """The four role groups with their permissions, as migration 0007 makes them.

    A transactional test flushes the database, and with it the groups that
    migration made (a flush recreates permissions, not data written by
    migrations), so a test that runs after one on the same worker would find
    no roles. Put them back when they are missing.
    """
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def make_user(django_user_model, name: str, *groups: str, languages=(), **extra):
    user = django_user_model.objects.create_user(name, password="old-password-1", **extra)
    user.groups.add(*Group.objects.filter(name__in=groups))
    for code in languages:
        TranslatorLanguage.objects.create(user=user, language=code)
    return user


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def user_form(user, **overrides) -> dict:
    """The user change form's POST, as the browser sends it for a chief editor."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
        "translator_languages-TOTAL_FORMS": "0",
        "translator_languages-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def fingerprint(user) -> tuple:
    """Everything about an account a hostile change could touch."""
    user.refresh_from_db()
    return (
        user.username,
        user.first_name,
        user.password,
        user.is_active,
        user.is_staff,
        user.is_superuser,
        sorted(user.groups.values_list("name", flat=True)),
        sorted(user.user_permissions.values_list("codename", flat=True)),
        sorted(user.translator_languages.values_list("language", flat=True)),
    )


def links_shown(response) -> set[int]:
    """The preview links whose URL is on the page (a token is signed anew each second)."""
    tokens = re.findall(r"(?<![\w/])/preview/([^/\s<\"]+)/", response.content.decode())
    return {signing.loads(token, salt=SALT) for token in tokens}

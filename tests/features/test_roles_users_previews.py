"""A chief editor manages the four roles, no more; preview links follow the user's languages.

Every request goes through the admin's real URLs, as a hostile user would send it.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.domain.languages import column_name
from articles.models import PreviewLink, TranslatorLanguage
from articles.services.previews import preview_link_create, preview_url
from tests.support.factories import ArticleFactory
from tests.support.roles_support import (
    FAST_HASHERS,
    client_for,
    fingerprint,
    links_shown,
    make_user,
    user_form,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]

REFUSED = "Only superusers may grant superuser status or permissions."


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests set many passwords; what they check is who may, not the hash."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def chief(django_user_model):
    return make_user(django_user_model, "chief", "Chief editor", is_staff=True)


@pytest.fixture
def reporter(django_user_model):
    return make_user(django_user_model, "reporter", "Reporter", is_staff=True)


@pytest.fixture
def boss(django_user_model):
    return django_user_model.objects.create_superuser("boss", "b@example.org", "boss-password-1")


def change_url(user) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def password_url(user) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


# --- Item 2: the user admin -------------------------------------------------------


def test_a_chief_editor_cannot_make_themselves_superuser(chief):
    before = fingerprint(chief)
    response = client_for(chief).post(
        change_url(chief), user_form(chief, is_superuser="on", first_name="Boss")
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert fingerprint(chief) == before  # the rest of the crafted POST is not saved either


def test_a_chief_editor_cannot_grant_single_permissions(chief, reporter):
    permission = Permission.objects.get(codename="delete_user")
    before = fingerprint(reporter)
    response = client_for(chief).post(
        change_url(reporter), user_form(reporter, user_permissions=[str(permission.pk)])
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert fingerprint(reporter) == before


def test_a_chief_editor_assigns_the_four_roles_and_no_other_group(chief, reporter):
    legal = Group.objects.create(name="Legal")
    legal.permissions.add(Permission.objects.get(codename="delete_user"))
    client = client_for(chief)
    before = fingerprint(reporter)
    response = client.post(change_url(reporter), user_form(reporter, groups=[str(legal.pk)]))
    assert response.status_code == 200
    assert fingerprint(reporter) == before

    page = client.get(change_url(reporter)).content.decode()
    assert "Legal" not in page
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page


def test_a_chief_editor_makes_a_translator_and_deactivates_a_leaver(chief, reporter):
    translator = Group.objects.get(name="Translator")
    client = client_for(chief)
    response = client.post(
        change_url(reporter),
        user_form(
            reporter,
            groups=[str(translator.pk)],
            **{
                "translator_languages-TOTAL_FORMS": "1",
                "translator_languages-0-language": "fr",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert fingerprint(reporter)[6:] == (["Translator"], [], ["fr"])

    response = client.post(change_url(reporter), user_form(reporter, is_active=""))
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert not reporter.is_active and not reporter.is_superuser


def test_a_chief_editor_cannot_touch_a_superusers_account(chief, boss):
    client = client_for(chief)
    before = fingerprint(boss)
    assert client.get(password_url(boss)).status_code == 403
    response = client.post(
        password_url(boss),
        {"password1": "taken-over-9", "password2": "taken-over-9", "usable_password": "true"},
    )
    assert response.status_code == 403
    response = client.post(change_url(boss), user_form(boss, is_active="", is_superuser="on"))
    assert response.status_code == 403
    assert fingerprint(boss) == before
    # Viewing stays: the page is read-only.
    page = client.get(change_url(boss))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_accounts_holding_more_than_a_role_are_for_superusers(chief, django_user_model):
    legal = Group.objects.create(name="Legal")
    with_group = make_user(django_user_model, "lawyer", "Reporter", is_staff=True)
    with_group.groups.add(legal)
    with_permission = make_user(django_user_model, "auditor", is_staff=True)
    with_permission.user_permissions.add(Permission.objects.get(codename="delete_user"))
    client = client_for(chief)
    for account in (with_group, with_permission):
        before = fingerprint(account)
        response = client.post(
            password_url(account), {"password1": "taken-9-x", "password2": "taken-9-x"}
        )
        assert response.status_code == 403
        assert client.post(change_url(account), user_form(account)).status_code == 403
        assert fingerprint(account) == before


def test_a_chief_editor_sets_a_reporters_password(chief, reporter):
    before = reporter.password
    response = client_for(chief).post(
        password_url(reporter),
        {"password1": "new-Password-42", "password2": "new-Password-42", "usable_password": "true"},
    )
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.password != before and reporter.check_password("new-Password-42")


def test_adding_a_user_with_superuser_status_is_refused(chief, django_user_model):
    url = reverse("admin:auth_user_add")
    data = {
        "username": "newbie",
        "password1": "new-Password-42",
        "password2": "new-Password-42",
        "usable_password": "true",
        "translator_languages-TOTAL_FORMS": "0",
        "translator_languages-INITIAL_FORMS": "0",
    }
    client = client_for(chief)
    response = client.post(url, {**data, "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not django_user_model.objects.filter(username="newbie").exists()

    assert client.post(url, data).status_code == 302
    newbie = django_user_model.objects.get(username="newbie")
    assert not newbie.is_superuser and not newbie.is_staff


def test_a_superuser_still_grants_everything(boss, reporter):
    legal = Group.objects.create(name="Legal")
    response = client_for(boss).post(
        change_url(reporter), user_form(reporter, is_superuser="on", groups=[str(legal.pk)])
    )
    assert response.status_code == 302
    reporter.refresh_from_db()
    assert reporter.is_superuser and list(reporter.groups.values_list("name", flat=True)) == [
        "Legal"
    ]


def test_user_list_actions_and_group_admin_change_nothing(chief, boss, django_user_model):
    client = client_for(chief)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [str(boss.pk)], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert django_user_model.objects.filter(pk=boss.pk).exists()
    response = client.post(reverse("admin:auth_user_delete", args=[boss.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert django_user_model.objects.filter(pk=boss.pk).exists()

    group = Group.objects.get(name="Chief editor")
    permissions = set(group.permissions.values_list("pk", flat=True))
    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert client.post(url, {"name": group.name, "permissions": everything}).status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == permissions
    response = client.post(
        reverse("admin:auth_group_add"), {"name": "Root", "permissions": everything}
    )
    assert response.status_code == 403
    assert not Group.objects.filter(name="Root").exists()


# --- Item 4: preview links --------------------------------------------------------


@pytest.fixture
def translator(django_user_model):
    return make_user(
        django_user_model, "translator", "Translator", languages=("fr",), is_staff=True
    )


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", "Editor", is_staff=True)


@pytest.fixture
def draft():
    """Published in pt; unpublished drafts in fr and de."""
    article = ArticleFactory(languages=("pt",))
    for code, title in (("fr", "Brouillon"), ("de", "Entwurf")):
        setattr(article, column_name("title", code), title)
        setattr(article, column_name("slug", code), f"{title.lower()}-{article.pk}")
        setattr(article, column_name("body", code), f"<p>{title} geheim</p>")
    article.save()
    return article


def links_url(article) -> str:
    return reverse("admin:article_preview_links", args=[article.pk])


def test_a_translator_mints_links_only_for_their_languages(translator, draft):
    client = client_for(translator)
    response = client.post(links_url(draft), {"language": "de"})
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()

    assert client.post(links_url(draft), {"language": "fr"}).status_code == 302
    assert list(PreviewLink.objects.values_list("language", flat=True)) == ["fr"]

    page = client.get(reverse("admin:article_revisions", args=[draft.pk])).content.decode()
    assert '<option value="fr">' in page
    assert '<option value="de">' not in page and '<option value="pt">' not in page


def test_only_the_creator_or_a_publisher_revokes_a_link(translator, reporter, editor, draft):
    by_editor = preview_link_create(article=draft, language="fr", user=editor)
    by_translator = preview_link_create(article=draft, language="fr", user=translator)
    for user in (translator, reporter):
        response = client_for(user).post(links_url(draft), {"revoke": by_editor.pk})
        assert response.status_code == 403
        by_editor.refresh_from_db()
        assert by_editor.is_valid()
    assert (
        client_for(translator).post(links_url(draft), {"revoke": by_translator.pk}).status_code
        == 302
    )
    assert client_for(editor).post(links_url(draft), {"revoke": by_editor.pk}).status_code == 302
    assert not any(link.is_valid() for link in PreviewLink.objects.all())


def test_the_revisions_page_shows_a_links_url_only_to_who_may_mint_or_revoke_it(
    translator, reporter, editor, draft
):
    de_link = preview_link_create(article=draft, language="de", user=editor)
    fr_link = preview_link_create(article=draft, language="fr", user=editor)
    url = reverse("admin:article_revisions", args=[draft.pk])

    page = client_for(translator).get(url)
    # The de text stays out of a translator's hands; a fr link they could mint themselves.
    assert links_shown(page) == {fr_link.pk}
    assert 'name="revoke"' not in page.content.decode()

    page = client_for(reporter).get(url)
    assert links_shown(page) == {de_link.pk, fr_link.pk}  # a reporter edits every language
    assert 'name="revoke"' not in page.content.decode()

    page = client_for(editor).get(url)
    assert links_shown(page) == {de_link.pk, fr_link.pk}
    assert f'name="revoke" value="{de_link.pk}"' in page.content.decode()


@pytest.mark.parametrize("value", ["abc", "", "1.5", "-1", "²", "99999999999999999999999", "0"])
def test_hostile_revoke_values_are_404(editor, draft, value):
    link = preview_link_create(article=draft, language="fr", user=editor)
    response = client_for(editor).post(links_url(draft), {"revoke": value})
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.is_valid()


def test_a_link_of_another_article_cannot_be_revoked_through_this_one(editor, draft):
    other = ArticleFactory(languages=("pt",))
    link = preview_link_create(article=other, language="pt", user=editor)
    assert client_for(editor).post(links_url(draft), {"revoke": link.pk}).status_code == 404
    link.refresh_from_db()
    assert link.is_valid()


def test_a_link_ends_when_its_creator_may_no_longer_mint_it(translator, draft, client):
    """A translator's fr link stops working when fr is taken from them, or they leave."""
    assert client_for(translator).post(links_url(draft), {"language": "fr"}).status_code == 302
    link = PreviewLink.objects.get()
    url = preview_url(link)
    assert client.get(url).status_code == 200

    translator.translator_languages.all().delete()
    assert client.get(url).status_code == 404

    TranslatorLanguage.objects.create(user=translator, language="fr")
    assert client.get(url).status_code == 200
    translator.is_active = False
    translator.save()
    assert client.get(url).status_code == 404

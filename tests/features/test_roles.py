"""Roles enforced on the server: every action tried by every role with a crafted POST."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.domain.status import Status
from articles.models import Article, Correction, TranslatorLanguage
from tests.admin.test_articles import form_data
from tests.support.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]

ROLES = ["Reporter", "Translator", "Editor", "Chief editor"]


@pytest.fixture
def as_role(django_user_model):
    def make(role: str) -> Client:
        user = django_user_model.objects.create_user(
            role.lower().replace(" ", "_"), password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        if role == "Translator":
            TranslatorLanguage.objects.create(user=user, language="fr")
        client = Client()
        client.force_login(user)
        return client

    return make


def change(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return client.post(url, {**form_data(Article.objects.get(pk=article.pk)), **changes})


def saved(response) -> bool:
    return response.status_code == 302


def test_the_four_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


# (action, what the POST changes, roles allowed). The article is public in pt
# and has drafts in en and fr.
MATRIX = [
    ("edit a draft's text", {"title_en": "New"}, {"Reporter", "Editor", "Chief editor"}),
    ("send a draft to review", {"status_en": "review"}, {"Reporter", "Editor", "Chief editor"}),
    ("publish a draft", {"status_en": "published"}, {"Editor", "Chief editor"}),
    (
        "schedule a draft",
        {
            "status_en": "scheduled",
            "published_at_en_0": "2030-01-01",
            "published_at_en_1": "08:00:00",
        },
        {"Editor", "Chief editor"},
    ),
    ("take down a published version", {"status_pt": "unpublished"}, {"Editor", "Chief editor"}),
    ("edit a published version's text", {"body_pt": "<p>x</p>"}, {"Editor", "Chief editor"}),
    (
        "set an embargo",
        {"embargo_until_0": "2030-01-01", "embargo_until_1": "08:00:00"},
        {"Editor", "Chief editor"},
    ),
    (
        "translate into an assigned language",
        {"title_fr": "Nouveau"},
        {"Translator", "Reporter", "Editor", "Chief editor"},
    ),
    (
        "translate into another language",
        {"title_de": "Neu", "body_de": "<p>x</p>"},
        {"Reporter", "Editor", "Chief editor"},
    ),
    ("publish the assigned language", {"status_fr": "published"}, {"Editor", "Chief editor"}),
    # The article is live in pt: what its versions share is the editors'.
    ("change the section", {"section": "NEW"}, {"Editor", "Chief editor"}),
    ("change the copyright notice", {"copyright_notice": "(c) x"}, {"Editor", "Chief editor"}),
    ("set the wire URI", {"uri": "urn:agency:story"}, {"Editor", "Chief editor"}),
    ("change a published version's byline", {"byline_pt": "Outro"}, {"Editor", "Chief editor"}),
    (
        "change the byline of an assigned language",
        {"byline_fr": "Par X"},
        {"Translator", "Reporter", "Editor", "Chief editor"},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action,changes,allowed", MATRIX, ids=[m[0] for m in MATRIX])
def test_role_matrix(as_role, role, action, changes, allowed):
    article = ArticleFactory(languages=("pt",))
    article.title_en, article.body_en = "Draft", "<p>Draft</p>"
    article.title_fr, article.body_fr = "Brouillon", "<p>Brouillon</p>"
    article.save()
    if changes.get("section") == "NEW":
        changes = {"section": str(SectionFactory().pk)}
    before = Article.objects.get(pk=article.pk)
    response = change(as_role(role), article, **changes)
    after = Article.objects.get(pk=article.pk)
    if role in allowed:
        assert saved(response), (role, action, response.status_code)
        assert after.version == before.version + 1
    else:
        assert not saved(response), (role, action)
        assert after.version == before.version  # nothing was written
        assert after.title_en == before.title_en and after.status_en == before.status_en


def test_a_translator_cannot_add_or_delete_articles(as_role):
    translator = as_role("Translator")
    assert translator.get(reverse("admin:articles_article_add")).status_code == 403
    article = ArticleFactory(languages=("pt",))
    url = reverse("admin:articles_article_delete", args=[article.pk])
    assert translator.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    "role,allowed", [("Reporter", False), ("Editor", False), ("Chief editor", True)]
)
def test_only_the_chief_editor_deletes(as_role, role, allowed):
    article = ArticleFactory(languages=("pt",))
    url = reverse("admin:articles_article_delete", args=[article.pk])
    response = as_role(role).post(url, {"post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists() is not allowed
    assert response.status_code == (302 if allowed else 403)


@pytest.mark.parametrize("role,allowed", [("Editor", False), ("Chief editor", True)])
def test_only_the_chief_editor_assigns_roles(as_role, role, allowed, django_user_model):
    someone = django_user_model.objects.create_user("someone", password="pw", is_staff=True)
    client = as_role(role)
    response = client.get(reverse("admin:auth_user_change", args=[someone.pk]))
    assert (response.status_code == 200) is allowed


def test_a_reporter_can_create_a_draft_but_not_a_published_article(as_role):
    reporter = as_role("Reporter")
    section = SectionFactory()
    url = reverse("admin:articles_article_add")
    draft = form_data(section=section, title_pt="Rascunho", body_pt="<p>x</p>")
    assert saved(reporter.post(url, draft))
    published = form_data(
        section=section, title_pt="Publicado", body_pt="<p>x</p>", status_pt="published"
    )
    response = reporter.post(url, published)
    assert not saved(response)
    assert "Only editors may publish" in response.content.decode()
    assert list(Article.objects.values_list("status_pt", flat=True)) == [Status.DRAFT]


def test_editor_adds_a_correction_that_shows_in_that_language_only(as_role, client):
    article = ArticleFactory(languages=("pt", "en"))
    editor = as_role("Editor")
    response = change(
        editor,
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-language": "pt",
            "corrections-0-note": "O nome da ponte estava errado.",
            "corrections-0-created_at_0": "2026-11-26",
            "corrections-0-created_at_1": "10:00:00",
        },
    )
    assert saved(response), response.content.decode()[:500]
    assert (
        "O nome da ponte estava errado."
        in client.get(article.get_absolute_url("pt")).content.decode()
    )
    assert "O nome da ponte" not in client.get(article.get_absolute_url("en")).content.decode()
    page = editor.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "corrections missing in" in page.lower()
    assert "<strong>en</strong>" in page


def test_a_reporter_cannot_add_corrections(as_role):
    article = ArticleFactory(languages=("pt",))
    response = change(
        as_role("Reporter"),
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-language": "pt",
            "corrections-0-note": "x",
            "corrections-0-created_at_0": "2026-11-26",
            "corrections-0-created_at_1": "10:00:00",
        },
    )
    assert not Correction.objects.exists()
    assert response.status_code in (200, 302, 403)

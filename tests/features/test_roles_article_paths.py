"""Roles on the article's own paths: revision restore, per-language fields, what readers
see of a live article, live photos, and the wire URI. Through the real admin URLs, as
each of the four roles (the Translator is assigned fr)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.status import Status
from articles.models import Article, Correction, Photo, Revision
from articles.services.articles import article_save
from tests.admin.test_articles import form_data
from tests.features import test_roles
from tests.features.test_roles import ROLES, change, saved
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    jpeg_bytes,
)
from tests.support.ninjs_support import run, text_doc, write_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]

as_role = test_roles.as_role

PUBLISHERS = {"Editor", "Chief editor"}


def edit(article, **changes) -> Article:
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    return article_save(article=article, actor="test")


def fresh(article) -> Article:
    return Article.objects.get(pk=article.pk)


def restore(client, article, revision, *languages):
    url = reverse("admin:article_revision_restore", args=[article.pk, revision.pk])
    return client.post(url, {"language": list(languages)} if languages else {}, follow=True)


def messages_of(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(m.get_text() for m in page.select(".messagelist li"))


def texts(article) -> dict:
    """Every restorable text and workflow fact of every language, plus the version."""
    article = fresh(article)
    values = {"version": article.version, "revisions": article.revisions.count()}
    for code in LANGUAGE_CODES:
        for field in ("title", "slug", "summary", "body", "status"):
            values[f"{field}_{code}"] = value_in(article, field, code)
    return values


# --- 1. Revision restore ----------------------------------------------------------------


@pytest.fixture
def story():
    """The issue's article: published in pt with a draft in fr (the old revision); since
    then the en version was published, the pt body corrected (a correction dated after
    the old revision) and the fr draft rewritten."""
    now = timezone.now()
    article = ArticleFactory(languages=("pt",), source_language="pt")
    edit(article, title_fr="Ancien titre", slug_fr="ancien-titre", body_fr="<p>Ancien</p>")
    old = fresh(article).revisions.order_by("-version").first()
    Revision.objects.filter(article=article).update(created_at=now - timedelta(days=2))
    edit(
        article,
        title_en="The bridge",
        slug_en="the-bridge",
        body_en="<p>The bridge</p>",
        status_en=Status.PUBLISHED,
        published_at_en=now - timedelta(hours=1),
        body_pt="<p>Corrigido</p>",
        title_fr="Nouveau titre",
        body_fr="<p>Nouveau</p>",
    )
    Correction.objects.create(
        article=article, language="pt", note="A ponte.", created_at=now - timedelta(days=1)
    )
    return fresh(article), old


def test_the_issues_story_a_translator_restores_only_french(as_role, story, client):
    """Translator (fr) restores the old revision: pt keeps its correction, en keeps its
    title and its page, fr gets its old draft back."""
    article, old = story
    response = restore(as_role("Translator"), article, old)
    after = fresh(article)
    assert after.body_pt == "<p>Corrigido</p>"
    assert after.title_en == "The bridge"
    assert client.get(after.get_absolute_url("en")).status_code == 200
    assert after.status_en == Status.PUBLISHED
    assert after.title_fr == "Ancien titre" and after.body_fr == "<p>Ancien</p>"
    assert after.version == article.version + 1
    assert "Restored the texts of version" in messages_of(response)
    # What it left alone, and why, is on the revisions page.
    page = messages_of(response) + response.content.decode()
    assert "correction dated" in page and "would empty the en version" in page


@pytest.mark.parametrize(
    "role,language,reason",
    [
        ("Translator", "pt", "You may not edit the pt version"),
        ("Translator", "en", "You may not edit the en version"),
        ("Reporter", "pt", "The pt version is published: only editors may change it"),
        ("Editor", "pt", "The pt version has a correction dated"),
        ("Editor", "en", "has no title, slug, body in en: restoring it would empty"),
        ("Chief editor", "en", "would empty the en version"),
    ],
)
def test_a_refused_restore_says_why_and_changes_nothing(as_role, story, role, language, reason):
    article, old = story
    before = texts(article)
    # Asked with fr too: one refused language refuses the whole restore.
    response = restore(as_role(role), article, old, "fr", language)
    assert response.status_code == 200
    assert "Nothing was restored" in messages_of(response)
    assert reason in messages_of(response)
    assert texts(article) == before  # no text, no version, no revision row


def test_nothing_the_user_may_restore_is_a_refusal_not_a_save(as_role, story):
    article, _old = story
    only_pt_differs = fresh(article).revisions.order_by("-version").first()
    edit(article, body_pt="<p>Corrigido de novo</p>")
    before = texts(article)
    response = restore(as_role("Reporter"), article, only_pt_differs)
    assert "Nothing to restore" in messages_of(response)
    assert "The pt version is published" in messages_of(response)
    assert texts(article) == before


def matrix_article():
    article = ArticleFactory(languages=("pt",))
    edit(article, title_fr="Ancien", slug_fr="ancien", body_fr="<p>Ancien</p>")
    old = fresh(article).revisions.order_by("-version").first()
    edit(article, title_pt="Título novo", title_fr="Nouveau")
    return fresh(article), old


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "language,allowed",
    [("pt", PUBLISHERS), ("fr", {"Translator", "Reporter", *PUBLISHERS})],
    ids=["published version", "draft in the translator's language"],
)
def test_restore_matrix(as_role, role, language, allowed):
    article, old = matrix_article()
    before = texts(article)
    restore(as_role(role), article, old, language)
    after = texts(article)
    old_title = old.snapshot["languages"][language]["title"]
    if role in allowed:
        assert after[f"title_{language}"] == old_title
        assert after["version"] == before["version"] + 1
        assert after["status_pt"] == Status.PUBLISHED  # states are never restored
    else:
        assert after == before


def test_the_revisions_page_offers_only_what_the_user_may_restore(as_role, story):
    article, old = story
    page = as_role("Translator").get(reverse("admin:article_revisions", args=[article.pk]))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    action = reverse("admin:article_revision_restore", args=[article.pk, old.pk])
    offered = {
        button["value"]
        for form in soup.select(f'form[action="{action}"]')
        for button in form.select("button[name=language]")
    }
    assert offered == {"fr"}
    refusals = soup.select_one(".restore-refusals").get_text()
    assert "pt" in refusals and "en" in refusals and "You may not edit" in refusals


def test_the_revisions_page_costs_the_same_queries_however_many_revisions(as_role):
    article, _old = matrix_article()
    client = as_role("Translator")
    url = reverse("admin:article_revisions", args=[article.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(5):
        edit(article, title_fr=f"Titre {number}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_restoring_a_slug_another_article_took_is_refused_not_a_500(as_role, story):
    article, old = story
    edit(article, slug_fr="nouveau-titre")
    other = ArticleFactory(languages=("de",))
    edit(other, title_fr="Autre", slug_fr="ancien-titre", body_fr="<p>Autre</p>")
    before = texts(article)
    response = restore(as_role("Editor"), article, old, "fr")
    assert response.status_code == 200
    assert "Nothing was restored" in messages_of(response)
    assert "fr: This slug is already used in this language." in messages_of(response)
    assert texts(article) == before


def test_an_unknown_language_restores_nothing(as_role, story):
    article, old = story
    before = texts(article)
    response = restore(as_role("Chief editor"), article, old, "xx")
    assert "Unknown language" in messages_of(response)
    assert texts(article) == before


# --- 3. Per-language fields and what readers see of a live article ----------------------

# A changed value for every per-language field of the article form. The form must
# have no other per-language field (test below): a new one fails until it is here,
# and is then checked against the roles.
PER_LANGUAGE_VALUES = {
    "title": {"title": "Outro"},
    "slug": {"slug": "outro-endereco"},
    "summary": {"summary": "Outro"},
    "body": {"body": "<p>Outro</p>"},
    "byline": {"byline": "Outra assinatura"},
    "status": {"status": Status.REVIEW},
    "published_at": {"published_at_0": "2030-01-01", "published_at_1": "08:00:00"},
    "expires_at": {"expires_at_0": "2030-01-01", "expires_at_1": "08:00:00"},
    "origin": {"origin": "human"},
    "translated_from": {"translated_from": "en"},
    "photo_caption": {"photo_caption": "Outra legenda"},
    "photo_alt_text": {"photo_alt_text": "Outro texto"},
}
PUBLISHING = {"status", "published_at", "expires_at"}


def language_post(values: dict, code: str) -> dict:
    """{"published_at_0": v} → {"published_at_pt_0": v}; {"title": v} → {"title_pt": v}."""
    out = {}
    for name, value in values.items():
        base, _sep, part = name.rpartition("_")
        if part in ("0", "1"):
            out[f"{column_name(base, code)}_{part}"] = value
        else:
            out[column_name(name, code)] = value
    return out


@pytest.fixture
def live_in_pt():
    """Public in pt, with a photo captioned in pt; a draft in fr."""
    article = ArticleFactory(languages=("pt",), photo=PhotoFactory(captions=("pt",)))
    return edit(article, title_fr="Brouillon", slug_fr="brouillon", body_fr="<p>B</p>")


def test_the_form_has_no_per_language_field_the_rules_are_not_tested_on(as_role, live_in_pt):
    page = as_role("Editor").get(reverse("admin:articles_article_change", args=[live_in_pt.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    names = {tag["name"] for tag in soup.select("[name]") if tag.name != "meta"}
    per_language = set()
    for name in names:
        for end in ("_pt", "_pt_0", "_pt_1"):
            if name.endswith(end):
                per_language.add(name.removesuffix(end))
    assert per_language == set(PER_LANGUAGE_VALUES)


@pytest.mark.parametrize("field", PER_LANGUAGE_VALUES)
def test_a_reporter_changes_no_per_language_field_of_a_published_version(
    as_role, live_in_pt, field
):
    def state():
        return texts(live_in_pt), fresh(live_in_pt).byline_pt, Photo.objects.get().caption_pt

    before = state()
    changes = language_post(PER_LANGUAGE_VALUES[field], "pt")
    response = change(as_role("Reporter"), live_in_pt, **changes)
    assert not saved(response)
    assert "The pt version is published: only editors may change it." in response.content.decode()
    assert state() == before


@pytest.mark.parametrize("field", sorted(set(PER_LANGUAGE_VALUES) - PUBLISHING))
def test_a_translator_changes_every_per_language_field_of_their_language(
    as_role, live_in_pt, field
):
    response = change(
        as_role("Translator"), live_in_pt, **language_post(PER_LANGUAGE_VALUES[field], "fr")
    )
    assert saved(response), response.content.decode()[:3000]
    article = fresh(live_in_pt)
    assert article.version == live_in_pt.version + 1
    assert article.status_fr == Status.DRAFT


# Shared by every language version: what readers see of the article as a whole.
SHARED_FIELDS = {
    "section": lambda: {"section": str(SectionFactory().pk)},
    "source language": lambda: {"source_language": "pt"},
    "copyright holder": lambda: {"copyright_holder": "Someone Else"},
    "copyright notice": lambda: {"copyright_notice": "(c) Someone Else"},
    "authors": lambda: {"authors": [str(AuthorFactory().pk)]},
    "tags": lambda: {"tags": [str(TagFactory().pk)]},
    "photo": lambda: {"photo": str(PhotoFactory().pk)},
}


@pytest.mark.parametrize("state", ["live", "draft"])
@pytest.mark.parametrize("role", ["Reporter", "Editor"])
@pytest.mark.parametrize("field", SHARED_FIELDS)
def test_what_a_live_article_shares_is_the_editors(as_role, role, state, field):
    article = ArticleFactory(languages=("pt", "en"), is_published=state == "live")
    client = as_role(role)
    changes = SHARED_FIELDS[field]()
    before = texts(article)
    response = change(client, article, **changes)
    if role == "Editor" or state == "draft":
        assert saved(response), response.content.decode()[:3000]
    else:
        assert not saved(response)
        assert "The article is live in en, pt: only editors may change its" in (
            response.content.decode()
        )
        assert texts(article) == before


def test_a_reporter_cannot_change_captions_of_a_photo_another_article_shows(as_role):
    shown = PhotoFactory(captions=("pt",))
    ArticleFactory(languages=("pt",), photo=shown)
    draft = ArticleFactory(languages=("pt",), is_published=False, photo=shown)
    reporter = as_role("Reporter")
    refused = change(reporter, draft, photo_caption_pt="Outra")
    assert not saved(refused)
    assert "only editors may change its pt texts" in refused.content.decode()
    assert saved(change(reporter, draft, photo_caption_de="Neue Bildunterschrift"))
    shown.refresh_from_db()
    assert (shown.caption_pt, shown.caption_de) == ("Caption in pt", "Neue Bildunterschrift")


def test_choosing_another_photo_does_not_copy_the_old_captions_onto_it(as_role):
    mine = PhotoFactory(captions=("pt",))
    mine.caption_pt = "A minha legenda"
    mine.save()
    theirs = PhotoFactory(captions=("pt",))
    ArticleFactory(languages=("pt",), photo=theirs)
    draft = ArticleFactory(languages=("pt",), is_published=False, photo=mine)
    # The browser posts the form as shown: the old photo's captions.
    response = change(as_role("Reporter"), draft, photo=str(theirs.pk))
    assert saved(response), response.content.decode()[:3000]
    assert fresh(draft).photo_id == theirs.pk
    theirs.refresh_from_db()
    assert theirs.caption_pt == "Caption in pt"


def photo_post(photo: Photo, **overrides) -> dict:
    data = {
        "credit": photo.credit,
        "copyright_holder": photo.copyright_holder,
        "rights_expire_at_0": "",
        "rights_expire_at_1": "",
        "focal_x": str(photo.focal_x),
        "focal_y": str(photo.focal_y),
    }
    for code in LANGUAGE_CODES:
        for field in ("caption", "alt_text"):
            column = column_name(field, code)
            data[column] = getattr(photo, column) or ""
    return {**data, **overrides}


PHOTO_CHANGES = {
    "credit": lambda: {"credit": "Other Agency"},
    "copyright holder": lambda: {"copyright_holder": "Other"},
    "rights": lambda: {"rights_expire_at_0": "2030-01-01", "rights_expire_at_1": "08:00:00"},
    "focal point": lambda: {"focal_x": "0.1"},
    "caption in a live language": lambda: {"caption_pt": "Outra"},
    "alt text in a live language": lambda: {"alt_text_pt": "Outro"},
    "image": lambda: {
        "upload": SimpleUploadedFile("new.jpg", jpeg_bytes(90, 60, (0, 90, 0)), "image/jpeg")
    },
}


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
@pytest.mark.parametrize("what", PHOTO_CHANGES)
def test_a_photo_a_live_article_shows_is_the_editors(as_role, role, what):
    photo = PhotoFactory(captions=("pt",))
    ArticleFactory(languages=("pt",), photo=photo)
    before = Photo.objects.filter(pk=photo.pk).values().get()
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    response = as_role(role).post(url, photo_post(photo, **PHOTO_CHANGES[what]()))
    if role == "Editor":
        assert response.status_code == 302, response.content.decode()[:3000]
    else:
        assert response.status_code == 200
        assert "only editors may change its" in response.content.decode()
        assert Photo.objects.filter(pk=photo.pk).values().get() == before


def test_a_reporter_edits_photos_no_live_version_shows_and_uploads_new_ones(as_role):
    photo = PhotoFactory(captions=("pt",))
    ArticleFactory(languages=("pt",), photo=photo)  # live in pt only
    draft_photo = PhotoFactory()
    ArticleFactory(languages=("pt",), is_published=False, photo=draft_photo)
    reporter = as_role("Reporter")
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    assert reporter.post(url, photo_post(photo, caption_de="Brücke")).status_code == 302
    url = reverse("admin:articles_photo_change", args=[draft_photo.pk])
    assert reporter.post(url, photo_post(draft_photo, credit="Mine")).status_code == 302
    upload = SimpleUploadedFile("n.jpg", jpeg_bytes(90, 60, (9, 9, 9)), "image/jpeg")
    data = {**photo_post(draft_photo, credit="New"), "upload": upload}
    assert reporter.post(reverse("admin:articles_photo_add"), data).status_code == 302
    assert Photo.objects.get(pk=photo.pk).caption_de == "Brücke"
    assert Photo.objects.get(pk=draft_photo.pk).credit == "Mine"
    assert Photo.objects.filter(credit="New").exists()


# --- 5. Wire identity --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_publishers_set_or_change_a_wire_uri(as_role, role):
    client = as_role(role)
    draft = ArticleFactory(languages=("fr",), is_published=False)
    wired = ArticleFactory(languages=("fr",), is_published=False, uri="urn:agency:one")
    may = role in PUBLISHERS
    for article, uri in ((draft, "urn:agency:two"), (wired, "urn:agency:three"), (wired, "")):
        response = change(client, article, uri=uri)
        assert saved(response) is may, (role, article.uri, uri)
        if not may:
            assert "Only editors may set or change the wire URI." in response.content.decode()
            assert fresh(article).uri == article.uri
        article.refresh_from_db()
    add = client.post(
        reverse("admin:articles_article_add"),
        form_data(section=SectionFactory(), title_pt="Novo", body_pt="<p>x</p>", uri="urn:a:4"),
    )
    if role == "Translator":
        assert add.status_code == 403
    else:
        assert saved(add) is may
    assert Article.objects.filter(uri="urn:a:4").exists() is may


def test_a_reporter_cannot_make_the_next_import_overwrite_and_publish_an_article(as_role, tmp_path):
    draft = ArticleFactory(languages=("en",), is_published=False)
    response = change(as_role("Reporter"), draft, uri="urn:agency:scoop")
    assert not saved(response)
    feed = write_json(tmp_path / "a.json", text_doc("urn:agency:scoop"))
    run("import_ninjs", str(feed), "--publish")
    imported = Article.objects.get(uri="urn:agency:scoop")
    assert imported.pk != draft.pk
    mine = fresh(draft)
    assert (mine.title_en, mine.status_en, mine.uri) == (draft.title_en, Status.DRAFT, "")


def test_machine_fields_cannot_be_posted(as_role):
    """The wire version and text versions steer the importer and provenance: not in the form."""
    draft = ArticleFactory(languages=("en",), is_published=False)
    machine = {
        "wire_version_en": "999",
        "wire_version_created_en_0": "2030-01-01",
        "wire_version_created_en_1": "08:00:00",
        "text_version_en": "99",
        "based_on_en": "5",
        "version": "77",
    }
    response = change(as_role("Reporter"), draft, title_en="Changed", **machine)
    assert saved(response)
    after = fresh(draft)
    assert after.title_en == "Changed"
    for column in ("wire_version_en", "wire_version_created_en", "based_on_en"):
        assert getattr(after, column) == getattr(draft, column), column
    # The new title moved the text version on by one, not to the posted 99.
    assert after.text_version_en == draft.text_version_en + 1
    assert after.version == draft.version + 1

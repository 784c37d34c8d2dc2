"""The editors' admin: tabbed forms in all 14 languages, errors not 500s, lists that scale."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.models import Article, Photo
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def form_data(article: Article | None = None, section=None, **overrides) -> dict:
    """A complete change-form POST, as the browser sends it, for every language."""
    data = {
        "section": str(section.pk if section else article.section_id),
        "source_language": article.source_language if article else "en",
        "base_version": str(article.version) if article else "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "photo": str(article.photo_id or "") if article else "",
        "_save": "Save",
    }
    for code in LANGUAGE_CODES:
        for field in ("title", "slug", "summary", "body"):
            value = getattr(article, column_name(field, code), "") if article else ""
            data[column_name(field, code)] = value or ""
        data[column_name("status", code)] = (
            getattr(article, column_name("status", code), "draft") if article else "draft"
        )
        data[column_name("origin", code)] = (
            getattr(article, column_name("origin", code), "original") if article else "original"
        )
        data[column_name("translated_from", code)] = (
            (getattr(article, column_name("translated_from", code), "") or "") if article else ""
        )
        for name in ("expires_at",):
            when = getattr(article, column_name(name, code), None) if article else None
            data[column_name(name, code) + "_0"] = when.strftime("%Y-%m-%d") if when else ""
            data[column_name(name, code) + "_1"] = when.strftime("%H:%M:%S") if when else ""
        when = getattr(article, column_name("published_at", code), None) if article else None
        data[column_name("published_at", code) + "_0"] = when.strftime("%Y-%m-%d") if when else ""
        data[column_name("published_at", code) + "_1"] = when.strftime("%H:%M:%S") if when else ""
        photo = article.photo if article else None
        for field in ("caption", "alt_text"):
            data["photo_" + column_name(field, code)] = (
                (value_in(photo, field, code) or "") if photo else ""
            )
    data.update(overrides)
    return data


def test_add_form_has_a_tab_field_for_each_of_the_14_languages(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    for code in LANGUAGE_CODES:
        for field in ("title", "slug", "summary", "body"):
            widget = page.find(attrs={"name": column_name(field, code)})
            assert widget is not None, column_name(field, code)
            assert "mt" in widget["class"]
        caption = page.find(attrs={"name": column_name("photo_caption", code)})
        suffix = column_name("photo_caption", code).removeprefix("photo_caption_")
        assert f"mt-field-photo_caption-{suffix}" in caption["class"]


def test_admin_scripts_are_all_local(editor_client):
    """The tabs need jQuery UI; it must come from our static files, not a CDN."""
    response = editor_client.get(reverse("admin:articles_article_add"))
    scripts = [s.get("src") for s in BeautifulSoup(response.content, "html.parser")("script")]
    scripts = [s for s in scripts if s]
    assert any("vendor/jquery-ui/jquery-ui.min.js" in s for s in scripts)
    assert any("tabbed_translation_fields.js" in s for s in scripts)
    assert not [s for s in scripts if re.match(r"^(https?:)?//", s)]


def test_local_jquery_ui_file_is_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")


def test_change_form_loads_for_an_article_with_sanskrit_and_latin(editor_client):
    article = ArticleFactory(languages=("sa", "la"), photo=PhotoFactory(captions=("sa",)))
    response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(attrs={"name": "title_sa"})["value"] == article.title_sa
    assert page.find(attrs={"name": "title_la"})["value"] == article.title_la
    assert page.find(attrs={"name": "photo_caption_sa"}).get_text().strip() == "Caption in sa"


@pytest.mark.parametrize("model", ["photo", "section", "author"])
def test_other_add_forms_load(editor_client, model):
    assert editor_client.get(reverse(f"admin:articles_{model}_add")).status_code == 200


def test_editor_creates_an_article_in_portuguese_and_english(editor_client, client):
    section = SectionFactory()
    photo = PhotoFactory()
    data = form_data(
        section=section,
        title_pt="Ponte nova no porto",
        body_pt="<p>Texto</p>",
        title_en="New bridge at the port",
        body_en="<p>Text</p>",
        status_pt="published",
        status_en="published",
        photo=str(photo.pk),
        photo_caption_pt="A ponte ao amanhecer",
        photo_caption_en="The bridge at dawn",
        photo_alt_text_pt="Ponte de aço",
    )
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.slug_pt == "ponte-nova-no-porto"
    assert article.slug_en == "new-bridge-at-the-port"
    assert article.languages == ["en", "pt"]
    photo.refresh_from_db()
    assert photo.caption_pt == "A ponte ao amanhecer"
    assert photo.caption_en == "The bridge at dawn"
    assert photo.alt_text_pt == "Ponte de aço"
    page = client.get("/pt/articles/ponte-nova-no-porto/").content.decode()
    assert "A ponte ao amanhecer" in page


def test_slug_collision_is_a_form_error_and_changes_nothing(editor_client):
    taken = ArticleFactory(languages=("pt",))
    article = ArticleFactory(languages=("pt", "en"))
    before = article.slug_pt
    data = form_data(article, slug_pt=taken.slug_pt, title_en="Changed title")
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "This slug is already used in this language." in response.content.decode()
    article.refresh_from_db()
    assert article.slug_pt == before
    assert article.title_en != "Changed title"


def test_same_slug_in_two_languages_is_fine(editor_client):
    article = ArticleFactory(languages=("pt", "en"))
    other = ArticleFactory(languages=("fr",))
    data = form_data(other, slug_fr=article.slug_pt)
    response = editor_client.post(reverse("admin:articles_article_change", args=[other.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_body_script_is_stripped_when_saved_from_the_admin(editor_client):
    article = ArticleFactory(languages=("en",))
    data = form_data(article, body_en='<p>Safe</p><script>alert("x")</script><img src=x onerror=y>')
    editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    article.refresh_from_db()
    assert article.body_en == "<p>Safe</p>"


def test_list_shows_availability_per_language(editor_client):
    ArticleFactory(languages=("pt", "en"))
    page = BeautifulSoup(
        editor_client.get(reverse("admin:articles_article_changelist")).content, "html.parser"
    )
    cells = page.select(".availability abbr")
    assert len(cells) == 14
    public = [c.get_text() for c in cells if "lang-public" in c["class"]]
    assert public == ["en", "pt"]


def test_list_filters_by_availability_and_searches_all_languages(editor_client):
    pt = ArticleFactory(languages=("pt",))
    ja = ArticleFactory(languages=("ja",))
    ja.title_ja = "港の新しい橋"
    ja.save()
    url = reverse("admin:articles_article_changelist")
    text = editor_client.get(url, {"available_in": "pt"}).content.decode()
    assert pt.title_pt in text and "港の新しい橋" not in text
    text = editor_client.get(url, {"q": "新しい橋"}).content.decode()
    assert "港の新しい橋" in text and pt.title_pt not in text
    text = editor_client.get(url, {"written_in": "ja"}).content.decode()
    assert pt.title_pt not in text and "港の新しい橋" in text


def _list_queries(editor_client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
    return len(queries)


def _article_with(languages, authors: int, tags: int, revisions: int, corrections: int):
    """An article public in `languages`, with a photo, authors, tags, revisions, corrections."""
    from articles.models import Correction
    from articles.services.articles import article_save

    article = ArticleFactory(languages=languages, section=SectionFactory(), photo=PhotoFactory())
    article.authors.set([AuthorFactory() for _ in range(authors)])
    article.tags.set([TagFactory() for _ in range(tags)])
    for number in range(revisions):
        setattr(article, column_name("title", languages[0]), f"New bridge {number}")
        article_save(article=article)
    first = None
    for number in range(corrections):
        first = Correction.objects.create(
            article=article,
            language=languages[number % len(languages)],
            note="Fixed",
            matches=first,
        )
    return article


def _busy_article() -> Article:
    return _article_with(LANGUAGE_CODES, authors=3, tags=4, revisions=3, corrections=3)


def test_list_query_count_does_not_grow_with_rows(editor_client):
    ArticleFactory(languages=("en",), photo=PhotoFactory())
    few = _list_queries(editor_client)
    for _ in range(15):
        _busy_article()
    assert _list_queries(editor_client) == few


@pytest.mark.parametrize(
    "query", [{"available_in": "pt"}, {"written_in": "ja"}, {"q": "bridge"}, {"p": "2"}]
)
def test_filtered_list_query_count_does_not_grow_with_rows(editor_client, query):
    url = reverse("admin:articles_article_changelist")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = editor_client.get(url, query)
        assert response.status_code == 200
        return len(captured)

    ArticleFactory(languages=("pt", "ja"), photo=PhotoFactory())
    few = queries()
    for _ in range(55):  # more than a page (50)
        ArticleFactory(languages=LANGUAGE_CODES, section=SectionFactory())
    assert queries() == few


def _form_queries(editor_client, article: Article | None) -> int:
    if article is None:
        url = reverse("admin:articles_article_add")
    else:
        url = reverse("admin:articles_article_change", args=[article.pk])
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_change_form_query_count_does_not_grow_with_languages_or_relations(editor_client):
    """One language vs 14, one author and tag vs several, revisions, corrections, captions."""
    plain = _article_with(("en",), authors=1, tags=1, revisions=0, corrections=0)
    _form_queries(editor_client, plain)  # fills Django's own caches (content types)
    few = _form_queries(editor_client, plain)
    busy = _busy_article()
    for code in LANGUAGE_CODES:
        setattr(busy.photo, column_name("caption", code), f"Caption {code}")
    busy.photo.save()
    for _ in range(5):  # more rows in every table the form offers choices from
        SectionFactory(), AuthorFactory(), TagFactory(), PhotoFactory()
    assert _form_queries(editor_client, busy) == few


def test_add_form_query_count_does_not_grow_with_the_site(editor_client):
    _form_queries(editor_client, None)  # fills Django's own caches (content types)
    few = _form_queries(editor_client, None)
    for _ in range(5):
        _busy_article()
    assert _form_queries(editor_client, None) == few


def test_photo_upload_creates_renditions(editor_client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.factories import jpeg_bytes

    data = {
        "upload": SimpleUploadedFile("p.jpg", jpeg_bytes(2000, 1000), "image/jpeg"),
        "credit": "IC",
        "copyright_holder": "Newsroom",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    for code in LANGUAGE_CODES:
        data[column_name("caption", code)] = ""
        data[column_name("alt_text", code)] = ""
    data["caption_pt"] = "Legenda"
    # The renditions task is enqueued when the admin's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    assert (photo.width, photo.height, photo.original_filename) == (2000, 1000, "p.jpg")
    lead_widths = {r.width for r in photo.renditions.filter(spec__startswith="lead-")}
    assert lead_widths == {400, 800, 1200, 1600}
    assert {r.format for r in photo.renditions.all()} == {"avif", "webp", "jpeg"}


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_author_autocomplete_is_available(editor_client):
    AuthorFactory(name="Marta Quental")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "term": "Marta",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "authors",
        },
    )
    assert "Marta Quental" in response.content.decode()

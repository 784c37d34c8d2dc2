"""The translate view: one language beside its source, the change form's rules, machine drafts."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.admin.translate_form import draft_token
from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.domain.status import Origin, Status
from articles.models import Article, MachineTranslation
from articles.services.articles import article_save
from articles.services.machine_drafts import MachineDraft
from tests.support.factories import ArticleFactory, PhotoFactory
from tests.support.mt_servers import FakeLibreTranslate
from tests.support.roles_support import client_for, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("role_groups")]


@pytest.fixture
def article():
    return ArticleFactory(
        languages=("pt",),
        source_language="pt",
        photo=PhotoFactory(captions=("pt",), credit="Ana Lima"),
    )


@pytest.fixture
def libre(settings):
    with FakeLibreTranslate() as server:
        settings.MT_ENGINE, settings.MT_URL, settings.MT_API_KEY = (
            "libretranslate",
            server.url,
            server.api_key,
        )
        yield server


@pytest.fixture
def translator(django_user_model):
    return make_user(django_user_model, "tuula", "Translator", languages=("fi",), is_staff=True)


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "eeva", "Editor", is_staff=True)


def url(article, language, **query):
    base = reverse("admin:article_translate", args=[article.pk, language])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post_data(article, language="fi", action="save", **fields):
    data = {"base_version": article.version, "source": "pt", "action": action}
    data.update({column_name(k, language): v for k, v in fields.items()})
    return data


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_the_source_is_on_the_left_and_only_the_target_language_on_the_right(translator, article):
    response = client_for(translator).get(url(article, "fi"))
    assert response.status_code == 200
    page = page_of(response)
    source = page.select_one(".translate-source")
    assert "Headline" in source.get_text() and "Caption in pt" in source.get_text()
    names = {field["name"] for field in page.select(".translate-target [name]")}
    assert {"title_fi", "slug_fi", "summary_fi", "body_fi", "byline_fi"} <= names
    assert {"photo_caption_fi", "photo_alt_text_fi"} <= names
    # Nothing of another language, and never the credit.
    assert not any(n.endswith(("_pt", "_en")) for n in names)
    assert not any("credit" in n for n in names)
    # The body has the change form's rich-text editor, in Finnish.
    assert page.select_one("textarea[name=body_fi]")["data-language"] == "fi"


def test_the_source_can_be_any_language_with_text(translator):
    article = ArticleFactory(languages=("pt", "en"), source_language="pt")
    page = page_of(client_for(translator).get(url(article, "fi", source="en")))
    assert "in en" in page.select_one(".translate-source").get_text()
    links = [a["href"] for a in page.select(".source-languages a")]
    assert links == ["?source=en", "?source=pt"]  # site order; no empty language offered


def test_a_translator_sees_only_their_languages(translator, article):
    client = client_for(translator)
    assert client.get(url(article, "fi")).status_code == 200
    assert client.get(url(article, "de")).status_code == 403
    assert client.get(url(article, "xx")).status_code == 404
    response = client.post(url(article, "de"), post_data(article, "de", title="Otsikko"))
    assert response.status_code == 403


def test_a_translator_saves_a_draft_and_sends_it_to_review(translator, article):
    client = client_for(translator)
    response = client.post(
        url(article, "fi"), post_data(article, title="Otsikko", body="<p>Teksti</p>")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_fi, article.status_fi, article.origin_fi) == (
        "Otsikko",
        Status.DRAFT,
        Origin.HUMAN,
    )
    assert (article.translated_from_fi, article.based_on_fi) == ("pt", article.text_version_pt)
    assert article.slug_fi == "otsikko"
    response = client.post(url(article, "fi"), post_data(article, action="review", title="Otsikko"))
    article.refresh_from_db()
    assert article.status_fi == Status.REVIEW
    assert article.revisions.first().user == translator


def test_a_translator_may_not_publish(translator, article):
    response = client_for(translator).post(
        url(article, "fi"), post_data(article, action="publish", title="Otsikko")
    )
    assert response.status_code == 200
    assert "Only editors may publish" in response.content.decode()
    article.refresh_from_db()
    assert article.title_fi in (None, "")
    assert "publish" not in [b["value"] for b in page_of(response).select("button[name=action]")]


def test_an_editor_publishes_and_schedules(editor, article):
    client = client_for(editor)
    response = client.post(
        url(article, "fi"), post_data(article, action="publish", title="Otsikko")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status_fi == Status.PUBLISHED and article.published_at_fi is not None
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = post_data(article, "de", action="schedule", title="Titel", published_at=later)
    data["published_at"] = data.pop("published_at_de")
    assert client.post(url(article, "de"), data).status_code == 302
    article.refresh_from_db()
    assert article.status_de == Status.SCHEDULED


def test_scheduling_without_a_time_is_refused(editor, article):
    response = client_for(editor).post(
        url(article, "fi"), post_data(article, action="schedule", title="Otsikko")
    )
    assert "needs a publication time" in response.content.decode()
    article.refresh_from_db()
    assert not article.title_fi


def test_a_translator_cannot_change_a_published_version(translator):
    article = ArticleFactory(languages=("pt", "fi"), source_language="pt")
    client = client_for(translator)
    page = page_of(client.get(url(article, "fi")))
    assert page.select("button[name=action]") == []
    assert "only editors may change it" in page.get_text()
    response = client.post(url(article, "fi"), post_data(article, title="Muutettu"))
    assert "only editors may change it" in response.content.decode()
    article.refresh_from_db()
    assert article.title_fi != "Muutettu"


def test_a_stale_form_is_refused_with_who_changed_what_and_the_text_kept(
    translator, editor, article
):
    opened_at = article.version
    fresh = Article.objects.get(pk=article.pk)
    fresh.title_pt = "Título mudado"
    article_save(article=fresh, user=editor)
    data = post_data(article, title="Minun otsikkoni", summary="Kirjoitin tämän")
    data["base_version"] = opened_at
    response = client_for(translator).post(url(article, "fi"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "changed since you opened it" in text and "eeva changed pt" in text
    page = page_of(response)
    assert page.select_one("[name=title_fi]")["value"] == "Minun otsikkoni"
    assert page.select_one("[name=summary_fi]").get_text().strip() == "Kirjoitin tämän"
    article.refresh_from_db()
    assert not article.title_fi


def test_staleness_shows_what_changed_in_the_source(translator, article):
    client = client_for(translator)
    client.post(url(article, "fi"), post_data(article, title="Otsikko", body="<p>Teksti</p>"))
    fresh = Article.objects.get(pk=article.pk)
    fresh.body_pt = fresh.body_pt.replace("</p>", ", com uma frase nova</p>")
    article_save(article=fresh, actor="test")
    page = page_of(client.get(url(article, "fi")))
    stale = [row["class"][1] for row in page.select(".translate-target .stale")]
    assert stale == ["target-body"]
    change = page.select_one(".target-body .source-change")
    assert "frase nova" in change.select_one("ins").get_text()
    # Saving the updated text brings the version up to date.
    article.refresh_from_db()
    response = client.post(
        url(article, "fi"), post_data(article, title="Otsikko", body="<p>Uusi</p>")
    )
    assert response.status_code == 302
    assert page_of(client.get(url(article, "fi"))).select(".stale") == []


def test_the_query_count_does_not_grow_with_the_languages(translator, django_user_model):
    few = ArticleFactory(languages=("pt",), source_language="pt", photo=PhotoFactory())
    many = ArticleFactory(
        languages=[c for c in LANGUAGE_CODES if c != "fi"],
        source_language="pt",
        photo=PhotoFactory(captions=LANGUAGE_CODES),
    )
    client = client_for(translator)
    client.get(url(few, "fi"))  # session and caches warmed

    def count(article):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(article, "fi")).status_code == 200
        return len(queries)

    assert count(few) == count(many) <= 8


def test_a_machine_draft_fills_the_fields_and_saves_nothing(translator, article, libre):
    client = client_for(translator)
    before = article.version
    response = client.post(url(article, "fi"), post_data(article, action="machine"))
    assert response.status_code == 200
    page = page_of(response)
    assert page.select_one("[name=title_fi]")["value"] == f"[fi] {article.title_pt}"
    machine_body = article.body_pt.replace("<p>", "<p>[fi] ", 1)
    assert page.select_one("[name=body_fi]").get_text().strip() == machine_body
    assert page.select_one("[name=photo_caption_fi]").get_text().strip() == "[fi] Caption in pt"
    assert page.select_one("[name=byline_fi]").get("value", "") == ""
    assert page.select_one("[name=machine_draft]")["value"]
    article.refresh_from_db()
    assert article.version == before and not article.title_fi
    assert not MachineTranslation.objects.exists()
    # Nothing but the texts went to the engine, and never the credit.
    assert "Ana Lima" not in str(libre.requests)


def _machine_save(client, article, action="save", **edits):
    page = page_of(client.post(url(article, "fi"), post_data(article, action="machine")))
    data = {field["name"]: field.get("value", "") for field in page.select("input[name]")}
    for area in page.select("textarea[name]"):
        # A browser drops the newline Django puts after <textarea>.
        data[area["name"]] = area.get_text().removeprefix("\n")
    data.update({column_name(k, "fi"): v for k, v in edits.items() if v is not None})
    data["action"] = action
    return client.post(url(article, "fi"), data)


def test_a_machine_draft_saved_as_it_came_is_machine_and_waits_for_review(
    translator, article, libre
):
    assert _machine_save(client_for(translator), article).status_code == 302
    article.refresh_from_db()
    assert article.origin_fi == Origin.MACHINE
    record = MachineTranslation.objects.get(article=article, language="fi")
    assert (record.engine, record.source_language, record.reviewed_by) == (
        "libretranslate",
        "pt",
        None,
    )
    assert article.photo.caption_fi == "[fi] Caption in pt"
    assert article.photo.credit == "Ana Lima"


def test_fixing_a_sentence_of_a_machine_draft_makes_it_reviewed(translator, article, libre):
    response = _machine_save(
        client_for(translator), article, action="review", summary="Tiivistelmä korjattu", body=None
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.origin_fi == Origin.MACHINE_REVIEWED
    assert MachineTranslation.objects.get(article=article).reviewed_by == translator
    page = page_of(client_for(translator).get(url(article, "fi")))
    assert "reviewed by tuula" in page.select_one(".provenance").get_text()


def test_rewriting_a_machine_draft_makes_it_human(translator, article, libre):
    _machine_save(
        client_for(translator),
        article,
        title="Aivan uusi otsikko",
        summary="Kokonaan toinen teksti",
        body="<p>Kirjoitin kaiken itse uudelleen alusta loppuun</p>",
        caption="Oma kuvateksti",
        alt_text="Oma kuvaus",
    )
    article.refresh_from_db()
    assert article.origin_fi == Origin.HUMAN


def test_a_forged_machine_draft_is_refused(translator, article):
    draft = MachineDraft(engine="deepl", source="pt", target="de", made_at=timezone.now())
    data = post_data(article, title="Otsikko")
    data["machine_draft"] = draft_token(draft)
    response = client_for(translator).post(url(article, "fi"), data)
    assert "for another language" in response.content.decode()
    data["machine_draft"] = "not-a-token"
    response = client_for(translator).post(url(article, "fi"), data)
    assert "not one this site made" in response.content.decode()
    article.refresh_from_db()
    assert not article.title_fi


def test_an_engine_that_fails_leaves_the_typed_text_and_saves_nothing(translator, article, libre):
    libre.fail_with = 429
    data = post_data(article, action="machine", title="Jo kirjoitettu")
    response = client_for(translator).post(url(article, "fi"), data)
    text = response.content.decode()
    assert "No machine draft" in text and "too many requests" in text
    assert page_of(response).select_one("[name=title_fi]")["value"] == "Jo kirjoitettu"
    article.refresh_from_db()
    assert not article.title_fi


def test_sanskrit_is_refused_before_anything_is_sent(editor, article, libre):
    page = page_of(client_for(editor).get(url(article, "sa")))
    assert "does not translate" in page.select_one(".machine-refusal").get_text()
    response = client_for(editor).post(
        url(article, "sa"), post_data(article, "sa", action="machine")
    )
    assert "does not translate" in response.content.decode()
    assert libre.requests == []


def test_without_an_engine_the_button_says_how_to_turn_it_on(translator, article):
    page = page_of(client_for(translator).get(url(article, "fi")))
    assert "MT_ENGINE" in page.select_one(".machine-refusal").get_text()


def test_the_embargo_is_shown_and_an_unknown_action_changes_nothing(editor, article):
    article.embargo_until = timezone.now() + timedelta(days=2)
    article_save(article=article, actor="test")
    client = client_for(editor)
    assert "Embargoed until" in client.get(url(article, "fi")).content.decode()
    response = client.post(url(article, "fi"), post_data(article, action="explode", title="X"))
    assert "Unknown action" in response.content.decode()
    article.refresh_from_db()
    assert not article.title_fi


def test_the_board_links_the_translators_cells_and_marks_machine_versions(translator, article):
    fresh = Article.objects.get(pk=article.pk)
    for code, origin in (("ja", Origin.MACHINE), ("de", Origin.MACHINE_REVIEWED)):
        setattr(fresh, column_name("title", code), f"Title {code}")
        setattr(fresh, column_name("slug", code), f"title-{code}")
        setattr(fresh, column_name("body", code), "<p>x</p>")
        setattr(fresh, column_name("origin", code), origin)
        setattr(fresh, column_name("translated_from", code), "pt")
    article_save(article=fresh, actor="test")
    page = page_of(client_for(translator).get(reverse("admin:article_translation_status")))
    links = page.select("td a[data-language]")
    assert [a["data-language"] for a in links] == ["fi"]
    assert links[0]["href"] == url(article, "fi")
    cells = {td["title"].split(":")[0]: td for td in page.select("tbody td")}
    assert cells["ja"].get_text() == "dm" and "cell-machine" in cells["ja"]["class"]
    assert cells["de"].get_text() == "dv" and "machine, reviewed" in cells["de"]["title"]
    only_reviewed = client_for(translator).get(
        reverse("admin:article_translation_status"),
        {"language": "de", "state": "machine_reviewed"},
    )
    assert len(page_of(only_reviewed).select("tbody th")) == 1


def test_readers_are_told_a_machine_version_was_reviewed(client):
    article = ArticleFactory(languages=("pt", "ja", "fi"), source_language="pt")
    fresh = Article.objects.get(pk=article.pk)
    fresh.origin_ja, fresh.translated_from_ja = Origin.MACHINE, "pt"
    fresh.origin_fi, fresh.translated_from_fi = Origin.MACHINE_REVIEWED, "pt"
    article_save(article=fresh, actor="test")
    machine = page_of(client.get(article.get_absolute_url("ja"))).select_one(".machine-notice")
    reviewed = page_of(client.get(article.get_absolute_url("fi"))).select_one(".machine-notice")
    with translation.override("ja"):
        machine_notice = gettext("This version was translated by machine.")
    with translation.override("fi"):
        reviewed_notice = gettext(
            "This version was translated by machine and reviewed by our desk."
        )
    assert machine.get_text().strip() == machine_notice
    assert reviewed.get_text().strip() == reviewed_notice

"""A feed does not silently undo the desk's photo edits.

The desk edits a photo in the admin, as a browser would; the agency then sends
a newer version of the copy with its own caption and credit. By default the
feed fills in only what the photo lacks and the summary says what it left
alone; `--overwrite-photo-text` lets the feed win. A photo nobody edited keeps
following the feed, so an agency's corrections still arrive.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article, Photo
from tests.support.ninjs_support import picture_bytes, run, text_doc, write_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("desk", "desk@example.org", "pw-desk-1")
    )
    return client


def wire(tmp_path, *, version: int, caption: str, credit: str, caption_fr: str = ""):
    (tmp_path / "pic.jpg").write_bytes(picture_bytes((200, 120)))
    documents = []
    for language, text in (("en", caption), ("fr", caption_fr)):
        if not text:
            continue
        association = {
            "uri": "urn:test:picture",
            "type": "picture",
            "by": credit,
            "descriptions": [{"role": "caption", "value": text}],
            "renditions": [{"href": "pic.jpg"}],
        }
        documents.append(
            text_doc(
                language=language,
                version=str(version),
                versionCreated=f"2026-01-0{version}T10:00:00Z",
                associations=[association],
            )
        )
    return str(write_json(tmp_path / f"v{version}.json", documents))


def edit_in_admin(client, photo: Photo, **changes) -> None:
    """Open the photo's change form, change some fields, save it as a browser would."""
    url = reverse("admin:articles_photo_change", args=[photo.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser").find("form", id="photo_form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("file", "submit", "checkbox"):
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        else:
            data[name] = field.get("value", "")
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def photo() -> Photo:
    return Article.objects.get(uri="urn:test:story").photo


def test_the_feed_leaves_the_desks_caption_and_credit_alone(tmp_path, desk):
    run("import_ninjs", wire(tmp_path, version=1, caption="Agency caption", credit="Agency"))
    edit_in_admin(desk, photo(), caption_en="The desk's caption", credit="Desk credit")
    out, _err = run(
        "import_ninjs",
        wire(
            tmp_path,
            version=2,
            caption="Agency caption, v2",
            credit="Agency v2",
            caption_fr="Légende de l'agence",
        ),
    )
    edited = photo()
    assert edited.caption_en == "The desk's caption"
    assert edited.credit == "Desk credit"
    assert edited.caption_fr == "Légende de l'agence"  # empty: filled in
    assert "Photo texts edited by the desk, left alone" in out
    assert "left as they are: caption (en), credit" in out
    # The article's text is the agency's to update, as before.
    assert Article.objects.get(uri="urn:test:story").wire_version_en == "2"


def test_overwrite_photo_text_lets_the_feed_win(tmp_path, desk):
    run("import_ninjs", wire(tmp_path, version=1, caption="Agency caption", credit="Agency"))
    edit_in_admin(desk, photo(), caption_en="The desk's caption")
    out, _err = run(
        "import_ninjs",
        wire(tmp_path, version=2, caption="Agency caption, v2", credit="Agency v2"),
        "--overwrite-photo-text",
    )
    assert (photo().caption_en, photo().credit) == ("Agency caption, v2", "Agency v2")
    assert "left alone" not in out


def test_a_photo_nobody_edited_follows_the_feed(tmp_path):
    run("import_ninjs", wire(tmp_path, version=1, caption="Agency caption", credit="Agency"))
    out, _err = run(
        "import_ninjs", wire(tmp_path, version=2, caption="Corrected caption", credit="Agency")
    )
    assert photo().caption_en == "Corrected caption"
    assert "left alone" not in out

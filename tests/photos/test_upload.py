"""The upload validator: a catalogue of bad files, each refused clearly, leaving nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import Photo, Rendition
from articles.photos.upload import sanitize_filename, validate_image_upload
from tests.support import images
from tests.support.factories import jpeg_bytes

SMALL_PNG = images.encoded(Image.new("RGB", (40, 30), "green"), "PNG")
NOISY_JPEG = images.encoded(images.noisy(400, 300), "JPEG", quality=90)


def validate(content: bytes, name: str):
    return validate_image_upload(ContentFile(content, name=name))


# (name, content, settings overrides, error code, words the editor reads)
BAD_FILES = [
    ("empty", b"", {}, "empty", "empty"),
    ("bomb", images.png_declaring(60000, 60000), {}, "too_many_pixels", "megapixels"),
    (
        "over the pixel limit",
        images.png_declaring(8000, 8000),
        {},
        "too_many_pixels",
        "8000 × 8000",
    ),
    (
        "animated over the pixel limit",
        images.animated_png(600, 500, 4),  # 0.3 MP a frame, 1.2 MP in all
        {"PHOTO_MAX_PIXELS": 1_000_000},
        "too_many_pixels",
        "4 frame",
    ),
    ("too large", NOISY_JPEG, {"PHOTO_MAX_UPLOAD_BYTES": 10_000}, "too_large", "larger than"),
    ("html appended", SMALL_PNG + images.HTML, {}, "trailing_data", "after the end"),
    ("truncated", NOISY_JPEG[: len(NOISY_JPEG) // 2], {}, "corrupt", "truncated"),
    ("svg", images.SVG, {}, "markup", "SVG"),
    ("html", images.HTML, {}, "markup", "not a photo"),
    ("gif", images.encoded(Image.new("P", (5, 5)), "GIF"), {}, "unsupported_format", "not a"),
    ("png named jpg", SMALL_PNG, {}, "extension_mismatch", "PNG"),
]
NAMES = {
    "svg": "logo.svg",
    "html": "photo.jpg",
    "png named jpg": "holiday.jpg",
    "html appended": "polyglot.png",
    "bomb": "bomb.png",
    "over the pixel limit": "big.png",
    "animated over the pixel limit": "anim.png",
    "gif": "x.gif",
}


BAD_FILE_CASES = [
    pytest.param(NAMES.get(label, "photo.jpg"), content, overrides, code, words, id=label)
    for label, content, overrides, code, words in BAD_FILES
]


@pytest.mark.parametrize("name,content,overrides,code,words", BAD_FILE_CASES)
def test_validator_refuses_with_a_clear_message(settings, name, content, overrides, code, words):
    for key, value in overrides.items():
        setattr(settings, key, value)
    with pytest.raises(ValidationError) as refused:
        validate(content, name)
    assert refused.value.code == code
    assert words in " ".join(refused.value.messages)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def photo_form(upload) -> dict:
    data = {"upload": upload, "credit": "IC", "focal_x": "0.5", "focal_y": "0.5"}
    for code in LANGUAGE_CODES:
        data[column_name("caption", code)] = ""
        data[column_name("alt_text", code)] = ""
    return data


def files_in(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


@pytest.mark.django_db
@pytest.mark.parametrize("name,content,overrides,code,words", BAD_FILE_CASES)
def test_admin_shows_the_error_and_leaves_nothing_behind(
    editor_client, settings, name, content, overrides, code, words
):
    for key, value in overrides.items():
        setattr(settings, key, value)
    response = editor_client.post(
        reverse("admin:articles_photo_add"),
        photo_form(SimpleUploadedFile(name, content, "image/jpeg")),
    )
    assert response.status_code == 200  # the form again, not a 500
    errors = BeautifulSoup(response.content, "html.parser").select(".errorlist")
    assert any(words in e.get_text() for e in errors), [e.get_text() for e in errors]
    assert not Photo.objects.exists() and not Rendition.objects.exists()
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.parametrize(
    "fmt,name",
    [
        ("JPEG", "a.jpg"),
        ("JPEG", "a.JPEG"),
        ("PNG", "a.png"),
        ("WEBP", "a.webp"),
        ("AVIF", "a.avif"),
    ],
)
def test_accepts_the_four_formats_by_content(fmt, name):
    content = images.encoded(Image.new("RGB", (30, 20), "blue"), fmt)
    image = validate(content, name)
    assert (image.format.name, image.width, image.height) == (fmt, 30, 20)
    assert (
        image.storage_name
        == f"originals/{image.sha256[:2]}/{image.sha256}" + (image.format.extensions[0])
    )


def test_cmyk_jpeg_is_accepted():
    image = validate(images.encoded(Image.new("CMYK", (40, 30), (0, 200, 200, 0)), "JPEG"), "c.jpg")
    assert (image.format.name, image.width, image.height) == ("JPEG", 40, 30)


def test_orientation_decides_width_and_height():
    image = validate(images.phone_jpeg(600, 400), "IMG_0001.JPG")
    assert (image.width, image.height) == (400, 600)


@pytest.mark.parametrize(
    "hostile,expected",
    [
        ("../x.jpg", "x.jpg"),
        ("..\\..\\windows\\x.jpg", "x.jpg"),
        ("a\x00b\x1f\x7fc.jpg", "abc.jpg"),
        ("evil\u202egpj.jpg", "evilgpj.jpg"),  # a right-to-left override disguising the name
        ("C:\\fakepath\\photo.jpg", "photo.jpg"),
    ],
)
def test_hostile_names_are_sanitized_and_never_used_for_storage(hostile, expected):
    image = validate(jpeg_bytes(), hostile)
    assert image.original_filename == expected
    assert image.storage_name.startswith("originals/") and ".." not in image.storage_name


def test_a_300_character_name_is_shortened_keeping_its_extension():
    name = sanitize_filename("x" * 296 + ".jpg")
    assert len(name) == 200 and name.endswith(".jpg")
    assert validate(jpeg_bytes(), "x" * 296 + ".jpg").original_filename == name


@pytest.mark.django_db
def test_hostile_name_through_the_admin_stores_only_under_the_content_hash(
    editor_client, settings, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("../../x\x1b[31m.jpg", jpeg_bytes(), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # the original moves into place
        response = editor_client.post(reverse("admin:articles_photo_add"), photo_form(upload))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.original_filename == "x[31m.jpg"
    assert photo.image.name == f"originals/{photo.sha256[:2]}/{photo.sha256}.jpg"
    stored = files_in(settings.PRIVATE_MEDIA_ROOT)
    assert stored == [Path(settings.PRIVATE_MEDIA_ROOT) / photo.image.name]


def test_the_same_bytes_get_the_same_name_whatever_they_are_called():
    assert (
        validate(jpeg_bytes(), "a.jpg").storage_name
        == validate(jpeg_bytes(), "b.jpeg").storage_name
    )

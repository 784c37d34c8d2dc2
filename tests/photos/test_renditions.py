"""Renditions: sizes and formats, upright and metadata-free, made once, and the <picture> markup."""

from __future__ import annotations

import io
import threading
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from articles.models import Rendition
from articles.photos import render as render_module
from articles.photos import renditions as renditions_module
from articles.photos.renditions import ensure_renditions
from articles.photos.services import photo_save
from articles.photos.upload import validate_image_upload
from tests.support import images
from tests.support.factories import ArticleFactory, PhotoFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def opened(rendition: Rendition) -> Image.Image:
    with rendition.file.open("rb") as fh:
        image = Image.open(io.BytesIO(fh.read()))
        image.load()
    return image


def test_a_large_photo_gets_every_spec_in_three_formats():
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(2000, 1500), name="big.jpg"))
    sizes = {(r.spec, r.format): (r.width, r.height) for r in photo.renditions.all()}
    expected = {
        "lead-400": (400, 300),
        "lead-800": (800, 600),
        "lead-1200": (1200, 900),
        "lead-1600": (1600, 1200),
        "square-200": (200, 200),
        "square-400": (400, 400),
    }
    assert sizes == {(s, f): size for s, size in expected.items() for f in ("avif", "webp", "jpeg")}
    pillow_names = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
    for rendition in photo.renditions.all():
        image = opened(rendition)
        assert image.format == pillow_names[rendition.format]
        assert image.size == (rendition.width, rendition.height)
        assert image.mode == "RGB"


def test_nothing_is_enlarged_and_the_next_size_up_is_the_photo_itself():
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(1000, 300), name="wide.jpg"))
    widths = {r.spec: r.width for r in photo.renditions.filter(format="jpeg")}
    assert widths == {
        "lead-400": 400,
        "lead-800": 800,
        "lead-1200": 1000,
        "square-200": 200,
        "square-400": 300,
    }


def test_phone_photo_is_upright_and_loses_gps_and_all_metadata():
    photo = PhotoFactory(image=ContentFile(images.phone_jpeg(600, 400), name="IMG_1.JPG"))
    assert (photo.width, photo.height) == (400, 600)
    for rendition in photo.renditions.filter(spec="lead-400"):
        image = opened(rendition)
        assert image.size == (400, 600), rendition.format
        # Stored sideways with red on the left; upright, red is on top.
        top, bottom = image.getpixel((200, 50)), image.getpixel((200, 550))
        assert top[0] > 150 and top[2] < 80, (rendition.format, top)
        assert bottom[2] > 150 and bottom[0] < 80, (rendition.format, bottom)
        assert not image.getexif(), rendition.format
        assert images.GPS_IFD not in image.getexif()
        assert not {"exif", "xmp", "icc_profile"} & set(image.info), rendition.format
        with rendition.file.open("rb") as fh:
            data = fh.read()
        assert b"PhoneMaker" not in data and b"home address" not in data


def test_cmyk_original_gives_rgb_renditions_of_the_same_colour():
    cmyk = Image.new("CMYK", (500, 400), (0, 255, 255, 0))  # pure red in print terms
    photo = PhotoFactory(image=ContentFile(images.encoded(cmyk, "JPEG"), name="print.jpg"))
    jpeg = opened(photo.renditions.get(spec="lead-400", format="jpeg"))
    assert jpeg.mode == "RGB"
    red, green, blue = jpeg.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("mode", ["P", "1", "L", "I;16", "LA", "RGBA"])
def test_every_png_mode_gives_opaque_rgb_renditions(mode):
    picture = images.two_halves(300, 200).convert("RGBA")
    picture.putalpha(128)
    original = picture.convert(mode) if mode != "I;16" else picture.convert("L").convert(mode)
    photo = PhotoFactory(image=ContentFile(images.encoded(original, "PNG"), name="g.png"))
    for rendition in photo.renditions.all():
        assert opened(rendition).mode == "RGB", (mode, rendition.format)


def test_square_thumbnails_follow_the_focal_point():
    picture = images.two_halves(800, 400)  # red left, blue right
    photo = PhotoFactory(image=ContentFile(images.encoded(picture, "PNG"), name="p.png"))
    photo.focal_x = 0.9  # the subject is on the right
    photo.save()
    photo.renditions.filter(spec__startswith="square-").delete()
    ensure_renditions(photo)
    square = opened(photo.renditions.get(spec="square-200", format="jpeg"))
    assert square.getpixel((100, 100))[2] > 150  # blue: the right half


def test_placeholder_colour_is_recorded():
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(color=(200, 100, 0)), name="o.jpg"))
    red, green, blue = (int(photo.placeholder_colour[i : i + 2], 16) for i in (1, 3, 5))
    assert abs(red - 200) < 8 and abs(green - 100) < 8 and blue < 8


def test_a_second_call_renders_nothing():
    photo = PhotoFactory()
    count = photo.renditions.count()
    assert ensure_renditions(photo) == []
    assert photo.renditions.count() == count


def test_a_request_arriving_mid_render_does_not_render_the_same_again(monkeypatch):
    """While one caller renders, another asks for the same photo: it finds claims and waits."""
    photo = PhotoFactory()
    photo.renditions.all().delete()
    real_prepare, real_encode = renditions_module.prepare, render_module.encode
    lock, encoded, nested = threading.Lock(), [], []

    def prepare_and_meanwhile_ask_again(fh, *, specs):
        # The claims are taken; the encoders (threads of their own) have not started.
        if not nested:
            nested.append(ensure_renditions(photo))  # "concurrent" caller
        return real_prepare(fh, specs=specs)

    def counting_encode(picture, encoding):
        with lock:
            encoded.append(encoding.format)
        return real_encode(picture, encoding)

    monkeypatch.setattr(renditions_module, "prepare", prepare_and_meanwhile_ask_again)
    monkeypatch.setattr(render_module, "encode", counting_encode)
    made = ensure_renditions(photo)
    assert nested == [[]]
    assert len(encoded) == len(made) == photo.renditions.count() == 12


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need a server database; SQLite's shared in-memory test database locks",
)
def test_threads_racing_render_each_rendition_once(monkeypatch):
    photo = PhotoFactory()
    photo.renditions.all().delete()
    real_encode = render_module.encode
    lock, calls = threading.Lock(), []

    def counting_encode(picture, encoding):
        with lock:
            calls.append(encoding.format)
        return real_encode(picture, encoding)

    monkeypatch.setattr(render_module, "encode", counting_encode)
    start = threading.Barrier(4)

    def worker():
        from django.db import connection as thread_connection

        start.wait()
        try:
            ensure_renditions(photo)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == Rendition.objects.filter(photo=photo).exclude(file="").count() == 12


# --- replacing and deleting ------------------------------------------------------------


def test_a_new_image_replaces_the_renditions_and_old_files_go(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    old_original = photo.image.name
    old_files = [r.file.name for r in photo.renditions.all()]
    new = validate_image_upload(ContentFile(jpeg_bytes(900, 600, (0, 0, 200)), name="new.jpg"))
    with django_capture_on_commit_callbacks(execute=True):  # the task runs on commit
        photo_save(photo=photo, image=new)
    photo.refresh_from_db()
    assert (photo.width, photo.height, photo.original_filename) == (900, 600, "new.jpg")
    assert not photo.image.storage.exists(old_original)
    assert not any(default_storage.exists(name) for name in old_files)
    assert photo.renditions.filter(spec="lead-800", format="avif").exclude(file="").exists()


def test_deleting_a_photo_deletes_its_files_but_keeps_a_shared_original(
    django_capture_on_commit_callbacks,
):
    photo, twin = PhotoFactory(), PhotoFactory()  # the same bytes: one original file
    rendition_files = [r.file.name for r in photo.renditions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(default_storage.exists(name) for name in rendition_files)
    assert twin.image.storage.exists(twin.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        twin.delete()
    assert not twin.image.storage.exists(twin.image.name)


# --- markup --------------------------------------------------------------------------


def test_article_page_has_a_picture_with_sources_srcset_sizes_and_no_layout_shift(client):
    photo = PhotoFactory(image=ContentFile(jpeg_bytes(2000, 1000), name="l.jpg"), captions=("en",))
    article = ArticleFactory(languages=("en",), photo=photo)
    page = BeautifulSoup(client.get(article.get_absolute_url("en")).content, "html.parser")
    picture = page.select_one("figure.lead-photo picture")
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    for source, ext in zip(sources, (".avif", ".webp"), strict=True):
        entries = [entry.split() for entry in source["srcset"].split(", ")]
        assert [w for _, w in entries] == ["400w", "800w", "1200w", "1600w"]
        assert all(url.startswith("/media/renditions/") and url.endswith(ext) for url, _ in entries)
        assert source["sizes"] == picture.img["sizes"]
    img = picture.img
    assert img["src"].endswith(".jpg") and "1600w" in img["srcset"]
    assert (img["width"], img["height"]) == ("1200", "600")
    assert img["fetchpriority"] == "high" and not img.has_attr("loading")
    assert img["alt"] == "Alt text in en"
    # The colour is data, not an inline style: the CSP allows no inline styles.
    assert img["data-placeholder"] == photo.placeholder_colour
    assert not img.has_attr("style")


def test_teaser_thumbnail_is_a_lazy_square(client):
    ArticleFactory(languages=("en",), photo=PhotoFactory())
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    img = page.select_one("article.teaser picture img")
    assert img["loading"] == "lazy" and not img.has_attr("fetchpriority")
    assert img["width"] == img["height"] == "400"
    assert "200w" in img["srcset"] and "400w" in img["srcset"]


def test_no_picture_until_the_renditions_exist_and_the_article_still_renders(client):
    photo = PhotoFactory()
    photo.renditions.all().delete()
    article = ArticleFactory(languages=("en",), photo=photo)
    response = client.get(article.get_absolute_url("en"))
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").find("img") is None


def test_credit_and_copyright_are_shown_in_every_language(client):
    photo = PhotoFactory(credit="IC", copyright_holder="Agência Foto", captions=("pt",))
    article = ArticleFactory(languages=("pt", "ja"), photo=photo)
    for code, credit in (("pt", "Foto: IC"), ("ja", "IC")):
        page = BeautifulSoup(client.get(article.get_absolute_url(code)).content, "html.parser")
        caption = page.find("figcaption").get_text(" ", strip=True)
        assert credit in caption and "Agência Foto" in caption


# --- rebuild_renditions -------------------------------------------------------------


def run_rebuild(*args) -> str:
    out = StringIO()
    call_command("rebuild_renditions", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_rebuild_missing_only_fills_the_gaps():
    photo = PhotoFactory()
    before = set(photo.renditions.values_list("file", flat=True))
    photo.renditions.filter(format="avif").delete()
    output = run_rebuild("--missing-only")
    assert "4 renditions made, 0 failed" in output
    assert set(photo.renditions.values_list("file", flat=True)) == before


def test_rebuild_of_one_spec_and_removal_of_obsolete_ones():
    photo = PhotoFactory()
    Rendition.objects.create(photo=photo, spec="thumb", format="jpeg", file="renditions/old.jpg")
    run_rebuild("--spec", "square-200")
    assert photo.renditions.filter(spec="thumb").exists()  # a partial run removes nothing
    output = run_rebuild()
    assert "12 renditions made" in output
    assert not photo.renditions.filter(spec="thumb").exists()


def test_rebuild_goes_on_past_a_broken_original_and_reports_it():
    broken = PhotoFactory()
    fine = PhotoFactory(image=ContentFile(jpeg_bytes(color=(1, 2, 3)), name="fine.jpg"))
    broken.image.storage.delete(broken.image.name)
    Rendition.objects.all().delete()
    out = StringIO()
    with pytest.raises(CommandError, match="1 photo"):
        call_command("rebuild_renditions", "--missing-only", stdout=out, stderr=out)
    assert f"Photo #{broken.pk}" in out.getvalue()
    assert fine.renditions.count() == 6  # 64 × 48: lead-400 and square-200, at that size
